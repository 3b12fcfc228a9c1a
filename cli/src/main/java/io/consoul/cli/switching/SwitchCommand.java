package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Optional;

/** {@code consoul switch <stack> [--to blue|green]}: blue-green switch behind a smoke test. */
@Command(name = "switch", mixinStandardHelpOptions = true,
        description = {"Blue-green switch through Pulumi's Automation API (needs the pulumi CLI and the stack's credentials).",
                "Smoke-tests the idle colour at previewUrl (/health 200, /ready 200, its version against its image tag, "
                        + "and with --smoke-api-key one /chat); refuses and changes nothing if a check fails; sets "
                        + "consoul:activeColor; runs pulumi up; verifies url serves the new version. "
                        + "Switching to the live colour is a no-op."})
public final class SwitchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--to", paramLabel = "blue|green", description = "Colour to make live (default: the idle one).")
    String to;


    @Mixin
    SwitchOptions switching;

    @Override
    public void run() {
        if (to != null && !to.equals("blue") && !to.equals("green")) {
            throw new CliFailure("--to must be blue or green, got '" + to + "'", 2);
        }
        switching.run(stack, Optional.ofNullable(to), spec.commandLine().getOut());
    }
}
