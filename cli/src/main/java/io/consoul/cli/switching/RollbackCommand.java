package io.consoul.cli.switching;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Optional;

/** {@code consoul rollback <stack>}: switch back to the idle colour — the one that was live before — with the same checks. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Switch traffic back to the idle colour (the previously live one), with the same steps as "
                + "`consoul switch`. During the last switch's scale-down delay that colour is still held at capacity: "
                + "no scale-up, one pulumi up of the routing. Nothing is rebuilt. On gcp/azure a colour on the older image is "
                + "neither held nor pre-scaled: below the live capacity the rollback refuses unless --allow-under-capacity."})
public final class RollbackCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Mixin
    SwitchOptions switching;

    @Override
    public void run() {
        switching.run(stack, Optional.empty(), spec.commandLine().getOut());
    }
}
