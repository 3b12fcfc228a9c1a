package io.consoul.cli.capacity;

import io.consoul.cli.Cli;
import io.consoul.infra.spec.config.StackFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scaling guide's worked examples are the tests. */
class CapacityTest {

    @Test
    @DisplayName("guide: 10,000 users × 50 requests × 2 over 8 h is about 35 requests per second")
    void peakRequestRate() {
        assertEquals(34.72, CapacityPlan.peakRequestsPerSecond(10_000, 50, 8, 2), 0.01);
        Cli.Result result = Cli.run("capacity", "--dau", "10000", "--requests-per-user", "50");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("= 34.7 req/s (~35)"), result.out());
    }

    @Test
    @DisplayName("guide's sizing table: ~35 req/s is the 50 req/s row, 2–3 medium or 1–2 large instances")
    void instancesFromTheSizingTable() {
        InstanceSizing.Row row = InstanceSizing.forRate(34.72);
        assertEquals(50, row.requestsPerSecond());
        assertEquals(new InstanceSizing.Range(2, 3), row.medium());
        assertEquals(new InstanceSizing.Range(1, 2), row.large());
        assertEquals(new InstanceSizing.Range(15, 20), InstanceSizing.forRate(500).medium());
        assertEquals(new InstanceSizing.Range(60, 80), InstanceSizing.forRate(2000).medium(), "past the table: scaled");
    }

    @Test
    @DisplayName("guide: 1,000 users × 20 messages × 500 tokens × 30 days = 300M tokens a month")
    void tokensPerMonth() {
        assertEquals(300_000_000L, CapacityPlan.tokensPerMonth(1_000, 20, 500));
        Cli.Result result = Cli.run("capacity", "--dau", "1000", "--messages-per-user", "20", "--tokens-per-message", "500");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("= 300M"), result.out());
    }

    @Test
    @DisplayName("guide: 10 KB × 10,000 sessions × 2 = 200 MB of Redis, and the 1 GB size")
    void redisMemory() {
        CapacityPlan.Redis redis = CapacityPlan.redis(10, 10_000, 2);
        assertEquals(200.0, redis.memoryMb(), 1e-9);
        assertEquals("1 GB", redis.tier().label());
        assertEquals("250 MB (Basic)", CapacityPlan.redis(10, 500, 2).tier().label());
        assertEquals("6 GB", CapacityPlan.redis(10, 50_000, 2).tier().label());
        assertEquals("6 GB", CapacityPlan.redis(120, 5_000, 2).tier().label(), "1,200 MB does not fit in 1 GB: one size up");
        Cli.Result result = Cli.run("capacity", "--dau", "10000", "--concurrent-sessions", "10000");
        assertTrue(result.out().contains("10 KB (session bound) × 10,000 sessions × 2 = 200 MB → 1 GB"), result.out());
        Cli.Result raised = Cli.run("capacity", "--dau", "10000", "--concurrent-sessions", "10000",
                "--session-max-bytes", "64000");
        assertTrue(raised.out().contains("64 KB (session bound) × 10,000 sessions × 2 = 1,280 MB → 6 GB"), raised.out());
    }

    @Test
    @DisplayName("the planner's session size is the bound the app holds sessions to by default")
    void sessionSizeIsTheAppsDefaultBound() throws Exception {
        String properties = Files.readString(Cli.repositoryRoot().resolve("app/src/main/resources/application.properties"));
        java.util.regex.Matcher bound = java.util.regex.Pattern
                .compile("consoul\\.session-bound\\.max-bytes=\\$\\{CONSOUL_SESSION_MAX_BYTES:(\\d+)}").matcher(properties);
        assertTrue(bound.find(), "the app's CONSOUL_SESSION_MAX_BYTES default");
        String plannerDefault = picocli.CommandLine.Model.CommandSpec.forAnnotatedObject(new CapacityCommand())
                .findOption("--session-max-bytes").defaultValue();
        assertEquals(bound.group(1), plannerDefault);
    }

    @Test
    @DisplayName("medium is preferred until it needs more than 10 instances; never fewer than 2 replicas")
    void recommendation() {
        assertEquals(new CapacityPlan.Recommendation(io.consoul.infra.spec.Size.MEDIUM, 2, 3),
                CapacityPlan.requests(10_000, 50, 8, 2).recommendation());
        assertEquals(new CapacityPlan.Recommendation(io.consoul.infra.spec.Size.LARGE, 8, 10),
                CapacityPlan.requests(100_000, 50, 8, 2).recommendation(), "347 req/s: the 500 row");
        assertEquals(new CapacityPlan.Recommendation(io.consoul.infra.spec.Size.MEDIUM, 2, 2),
                CapacityPlan.requests(100, 10, 8, 2).recommendation());
    }

    @Test
    @DisplayName("--apply writes size and replica bounds into the stack file, keeping its comments and other keys")
    void applyKeepsComments(@TempDir Path dir) throws Exception {
        Path root = Cli.repositoryRoot();
        Files.copy(root.resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        Path file = dir.resolve("Pulumi.aws-production.yaml");
        Files.writeString(file, Files.readString(root.resolve("Pulumi.aws-production.yaml"))
                .replace("  consoul:maxReplicas: 10", "  consoul:maxReplicas: 10   # raised for launch week"));
        List<String> before = Files.readAllLines(file);

        Cli.Result result = Cli.run("capacity", "--dau", "100000", "--requests-per-user", "50",
                "--apply", "aws-production", "--project-dir", dir.toString());
        assertEquals(0, result.exitCode(), result.err());

        List<String> after = Files.readAllLines(file);
        StackFile stack = StackFile.load(file);
        assertEquals("large", stack.config().get("consoul:size"));
        assertEquals("8", stack.config().get("consoul:minReplicas"));
        assertEquals("10", stack.config().get("consoul:maxReplicas"));
        assertTrue(after.contains("  consoul:maxReplicas: 10   # raised for launch week"), String.join("\n", after));
        for (String line : before) {
            if (line.startsWith("#") || line.contains("certificateArn") || line.contains("Image")) {
                assertTrue(after.contains(line), "kept: " + line);
            }
        }
        assertEquals(before.size(), after.size(), "values replaced in place, nothing added or lost");
    }

    @Test
    @DisplayName("--apply adds keys missing from the stack file at the end of its config block")
    void applyAddsMissingKeys() {
        String text = "# header\nconfig:\n  aws:region: us-east-1   # where\n  consoul:blueImage: a:1\n# trailing comment\n";
        String edited = StackFileEditor.set(text, java.util.Map.of("consoul:size", "large"));
        assertEquals("# header\nconfig:\n  aws:region: us-east-1   # where\n  consoul:blueImage: a:1\n"
                + "  consoul:size: large\n# trailing comment\n", edited);
    }

    @Test
    @DisplayName("--apply refuses a result the stack's config model rejects, and leaves the file unchanged")
    void applyValidatesThroughTheSpec(@TempDir Path dir) throws Exception {
        Path root = Cli.repositoryRoot();
        Files.copy(root.resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        Path file = dir.resolve("Pulumi.aws-dev.yaml");
        Files.copy(root.resolve("Pulumi.aws-dev.yaml"), file);
        String before = Files.readString(file);
        // 10,000,000 users: far past the table — more replicas than the spec's maximum of 100.
        Cli.Result result = Cli.run("capacity", "--dau", "10000000", "--requests-per-user", "500",
                "--apply", "aws-dev", "--project-dir", dir.toString());
        assertEquals(1, result.exitCode(), result.out());
        assertTrue(result.err().contains("consoul:maxReplicas"), result.err());
        assertEquals(before, Files.readString(file));
    }
}
