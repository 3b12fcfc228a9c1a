package io.consoul.cli.switching;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
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

    @Option(names = "--smoke-api-key", paramLabel = "K", description = "API key for one /chat through the preview URL (default: no chat check).")
    String smokeApiKey;

    @Option(names = "--verify-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long url may take to serve the old version again (default: ${DEFAULT-VALUE}).")
    long verifyTimeoutSeconds;

    @Override
    public void run() {
        StepReport report = new StepReport(spec.commandLine().getOut());
        new BlueGreenSwitch(stack.open(), stack.stack, report, Duration.ofSeconds(verifyTimeoutSeconds),
                Duration.ofSeconds(2)).switchTo(Optional.empty(), smokeApiKey);
    }
}
