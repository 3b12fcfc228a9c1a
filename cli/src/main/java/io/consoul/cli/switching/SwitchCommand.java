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
        description = {"Pre-scaled blue-green switch through Pulumi's Automation API (needs the pulumi CLI, the cloud's CLI "
                + "and the stack's credentials; docs/cli.md).",
                "Reads how many instances the live colour runs; brings the idle colour to that many (consoul:<idle>MinReplicas, "
                        + "pulumi up) and waits until they are ready, else refuses, restores its minimum and leaves the routing; "
                        + "smoke-tests it at previewUrl (/health, /ready, its version against its image tag, with "
                        + "--smoke-api-key one /chat); warms it up there (--warm-up requests per instance, until the answers "
                        + "stop getting faster); sets consoul:activeColor and holds the former colour at its capacity "
                        + "(one pulumi up; on gcp/azure only a colour on the newer image can be held or pre-scaled, docs/cli.md); verifies url serves the new version; after the scale-down delay returns the former "
                        + "colour to its minimum. Switching to the live colour is a no-op."})
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
