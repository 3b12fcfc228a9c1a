package io.consoul.cli.switching;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Optional;

/** {@code consoul rollback <stack>}: switch back to the idle colour — the one that was live before — with the same checks. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Switch traffic back to the idle colour (the previously live one), with the same smoke test, "
                + "update and verification as `consoul switch`. The idle colour is still running, so nothing is rebuilt."})
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
