package io.consoul.cli.switching;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/** The options and the run that {@code switch} and {@code rollback} share: rollback is a switch to the idle colour. */
final class SwitchOptions {
    @Option(names = "--smoke-api-key", paramLabel = "K", description = "API key for one /chat through the preview URL (default: no chat check).")
    String smokeApiKey;

    @Option(names = "--verify-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long url may take to serve the new colour's version after the update (default: ${DEFAULT-VALUE}).")
    long verifyTimeoutSeconds;

    /** Switches {@code stack} to {@code to}, or to its idle colour when empty, printing each step to {@code out}. */
    void run(StackOptions stack, Optional<String> to, PrintWriter out) {
        new BlueGreenSwitch(stack.open(), stack.stack, new StepReport(out), Duration.ofSeconds(verifyTimeoutSeconds),
                Duration.ofSeconds(2)).switchTo(to, smokeApiKey);
    }
}
