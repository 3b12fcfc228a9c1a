package io.consoul.cli.capacity;

import io.consoul.cli.CliFailure;
import io.consoul.cli.ProjectDir;
import io.consoul.cli.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code consoul capacity}: the scaling guide's capacity planning, and optionally its result written to a stack. */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = {"Capacity planning from docs/scaling-guide.md: peak requests per second and the instances they "
                + "need (medium and large), Redis memory and size, tokens per month.",
                "Example: consoul capacity --dau 10000 --requests-per-user 50 --concurrent-sessions 10000 "
                        + "--messages-per-user 20 --tokens-per-message 500"})
public final class CapacityCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--dau", required = true, description = "Daily active users.")
    long dau;

    @Option(names = "--requests-per-user", description = "API requests per user per day (gives the peak rate).")
    Double requestsPerUser;

    @Option(names = "--peak-hours", defaultValue = "8", description = "Hours the day's traffic is spread over (default: ${DEFAULT-VALUE}).")
    double peakHours;

    @Option(names = "--safety", defaultValue = "2", description = "Safety factor for requests and Redis memory (default: ${DEFAULT-VALUE}).")
    double safety;

    @Option(names = "--concurrent-sessions", description = "Concurrent sessions at peak (gives the Redis size).")
    Long concurrentSessions;

    /**
     * The bound every instance holds a stored session to ({@code CONSOUL_SESSION_MAX_BYTES}; the default is the
     * app's, {@code consoul.session-bound.max-bytes} in its application.properties): sizing Redis with it plans for
     * what a deployment really stores, every session at its bound, rather than for a guessed average.
     */
    @Option(names = "--session-max-bytes", defaultValue = "10000",
            description = "The deployment's CONSOUL_SESSION_MAX_BYTES: the most a stored session holds, the session size "
                    + "Redis is sized with (default: ${DEFAULT-VALUE}, the app's default: the guide's 10 KB).")
    long sessionMaxBytes;

    @Option(names = "--messages-per-user", description = "Chat messages per user per day (gives tokens per month).")
    Double messagesPerUser;

    @Option(names = "--tokens-per-message", description = "Average tokens per message, prompt and reply.")
    Double tokensPerMessage;

    @Option(names = "--apply", paramLabel = "<stack>",
            description = "Write the recommended size, minReplicas and maxReplicas into Pulumi.<stack>.yaml, keeping its comments and other keys.")
    String applyTo;

    @Option(names = "--project-dir", description = "Directory of Pulumi.yaml (default: the nearest one above the working directory).")
    Path projectDir;

    @Override
    public void run() {
        positive("--dau", dau);
        positive("--peak-hours", peakHours);
        positive("--safety", safety);
        positive("--session-max-bytes", sessionMaxBytes);
        double sessionKb = sessionMaxBytes / 1000.0;
        Optional<CapacityPlan.Requests> requests = Optional.ofNullable(requestsPerUser)
                .map(r -> CapacityPlan.requests(dau, positive("--requests-per-user", r), peakHours, safety));
        Optional<CapacityPlan.Redis> redis = Optional.ofNullable(concurrentSessions)
                .map(s -> CapacityPlan.redis(sessionKb, (long) positive("--concurrent-sessions", s), safety));
        OptionalLong tokens = messagesPerUser != null && tokensPerMessage != null
                ? OptionalLong.of(CapacityPlan.tokensPerMonth(dau, messagesPerUser, tokensPerMessage))
                : OptionalLong.empty();
        if (requests.isEmpty() && redis.isEmpty() && tokens.isEmpty()) {
            throw new CliFailure("nothing to plan: give --requests-per-user, --concurrent-sessions, or "
                    + "--messages-per-user with --tokens-per-message", 2);
        }
        PrintWriter out = spec.commandLine().getOut();
        new CapacityReport(out).print(dau, requestsPerUser, peakHours, safety, requests, concurrentSessions,
                sessionKb, redis, messagesPerUser, tokensPerMessage, tokens);
        if (applyTo != null) {
            CapacityPlan.Recommendation recommendation = requests.orElseThrow(() -> new CliFailure(
                    "--apply needs the request rate: give --requests-per-user", 2)).recommendation();
            apply(ProjectDir.stackFile(ProjectDir.resolve(projectDir), applyTo), recommendation);
            out.printf("Wrote size %s, minReplicas %d, maxReplicas %d to Pulumi.%s.yaml%n",
                    recommendation.size().key(), recommendation.minReplicas(), recommendation.maxReplicas(), applyTo);
        }
        out.flush();
    }

    /**
     * Edits the file's text, then reads it back through the stack's config model: the values must read back as
     * written and the whole stack must still be valid (for example minReplicas ≤ maxReplicas), or nothing is written.
     */
    static void apply(Path stackFile, CapacityPlan.Recommendation recommendation) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("consoul:size", recommendation.size().key());
        values.put("consoul:minReplicas", Integer.toString(recommendation.minReplicas()));
        values.put("consoul:maxReplicas", Integer.toString(recommendation.maxReplicas()));
        try {
            String edited = StackFileEditor.set(Files.readString(stackFile), values);
            // StackFile takes the stack name from the file name: check a copy with the same name, elsewhere.
            Path dir = Files.createTempDirectory("consoul-capacity-");
            Path candidate = dir.resolve(stackFile.getFileName());
            try {
                Files.writeString(candidate, edited);
                check(candidate, values);
                Files.move(candidate, stackFile, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(candidate);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(Path candidate, Map<String, String> expected) {
        StackConfig config = StackConfig.load(candidate);
        expected.forEach((key, value) -> {
            if (!value.equals(config.values().get(key))) {
                throw new CliFailure(candidate.getFileName() + ": " + key + " did not read back as " + value
                        + "; file left unchanged");
            }
        });
        config.spec();
    }

    private static double positive(String option, double value) {
        if (!(value > 0)) {
            throw new CliFailure(option + " must be greater than 0, got " + String.format(Locale.ROOT, "%s", value), 2);
        }
        return value;
    }
}
