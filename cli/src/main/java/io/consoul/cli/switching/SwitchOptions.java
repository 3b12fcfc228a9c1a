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

    @Option(names = "--ready-timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "How long the idle colour may take to have as many ready instances as the live one runs; "
                    + "past it the switch refuses, restores the idle colour's minimum and leaves the routing (default: ${DEFAULT-VALUE}).")
    long readyTimeoutSeconds;

    @Option(names = "--scale-down-delay", paramLabel = "DURATION",
            description = "How long the former live colour keeps its capacity after the switch, for an instant rollback: "
                    + "600, 90s, 10m, 1h (default: consoul:scaleDownDelay, else 10m).")
    String scaleDownDelay;

    @Option(names = "--no-wait", description = "Return after the switch instead of waiting out the scale-down delay; "
            + "run `consoul scale-down <stack>` once it has passed.")
    boolean noWait;

    @Option(names = "--allow-under-capacity",
            description = "Move the traffic even when the target colour has fewer ready instances than the live one runs "
                    + "and its minimum cannot be raised (gcp/azure: a rollback to the older image, whose revision keeps "
                    + "the minimum it was created with); its autoscaler then scales it under the load. For emergencies.")
    boolean allowUnderCapacity;

    @Option(names = "--warm-up", defaultValue = "" + WarmUp.DEFAULT_REQUESTS_PER_INSTANCE, paramLabel = "N",
            description = "Warm-up requests each ready instance of the target answers through previewUrl after the smoke "
                    + "test and before the traffic moves (with --smoke-api-key /chat, else /health and /ready); it goes "
                    + "on until the answers stop getting faster, up to --warm-up-timeout. 0 turns it off (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--warm-up-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "The most the warm-up may take; past it the switch goes on (default: ${DEFAULT-VALUE}).")
    long warmUpTimeoutSeconds;

    @Option(names = "--preview-url", paramLabel = "URL",
            description = "Smoke-test the idle colour here instead of the stack's previewUrl (your own tunnel or port-forward).")
    String previewUrl;

    @Option(names = "--url", paramLabel = "URL",
            description = "Verify production here instead of the stack's url (your own tunnel or port-forward).")
    String url;

    @Option(names = "--identity-token", paramLabel = "TOKEN",
            description = "Sent as Authorization: Bearer to previewUrl and url (a private Cloud Run service); "
                    + "by default consoul takes one with gcloud auth print-identity-token where the stack needs it.")
    String identityToken;

    @Option(names = "--poll-interval", defaultValue = "2", paramLabel = "SECONDS", hidden = true,
            description = "How often readiness and url are polled (default: ${DEFAULT-VALUE}).")
    long pollSeconds;

    SwitchSettings settings() {
        if (warmUp < 0 || warmUpTimeoutSeconds < 0) {
            throw new io.consoul.cli.CliFailure("--warm-up and --warm-up-timeout must be 0 or more, got " + warmUp
                    + " and " + warmUpTimeoutSeconds, 2);
        }
        return new SwitchSettings(Duration.ofSeconds(verifyTimeoutSeconds), Duration.ofSeconds(readyTimeoutSeconds),
                Duration.ofSeconds(pollSeconds),
                Optional.ofNullable(scaleDownDelay).map(text -> DurationText.parse("--scale-down-delay", text)), !noWait,
                allowUnderCapacity, warmUp, Duration.ofSeconds(warmUpTimeoutSeconds));
    }

    /** Switches {@code stack} to {@code to}, or to its idle colour when empty, printing each step to {@code out}. */
    void run(StackOptions stack, Optional<String> to, PrintWriter out) {
        SwitchSettings settings = settings();
        try (PreviewReach reach = stack.reach().withOverrides(previewUrl, url, identityToken)) {
            new BlueGreenSwitch(stack.open(), stack.stack, new StepReport(out), settings, reach).switchTo(to, smokeApiKey);
        }
    }
}
