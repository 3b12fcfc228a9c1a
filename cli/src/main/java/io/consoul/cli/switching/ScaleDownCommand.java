package io.consoul.cli.switching;

import io.consoul.infra.spec.StackOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.Optional;

/** {@code consoul scale-down <stack>}: the end of a switch's scale-down delay, when the switch did not wait for it. */
@Command(name = "scale-down", mixinStandardHelpOptions = true,
        description = {"Ends the scale-down delay of the last switch now: removes whichever of consoul:blueMinReplicas and "
                + "consoul:greenMinReplicas the switch set and runs pulumi up, so the idle colour returns to minReplicas and the live one "
                + "scales on its own. After it, a rollback has to scale the idle colour up first."})
public final class ScaleDownCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Override
    public void run() {
        StackGateway gateway = stack.open();
        String live = gateway.outputs().getOrDefault(StackOutputs.ACTIVE_COLOR, "");
        new BlueGreenSwitch(gateway, stack.stack, new StepReport(spec.commandLine().getOut()),
                new SwitchSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Optional.empty(), false, false, 0, Duration.ZERO),
                PreviewReach.direct(stack.stack)).scaleDown(live);
    }
}
