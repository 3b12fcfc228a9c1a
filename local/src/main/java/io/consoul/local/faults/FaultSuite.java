package io.consoul.local.faults;

import io.consoul.local.LocalStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The whole fault suite, one command: a stack on one Redis node (fail-closed) for SIGKILL, rolling restart,
 * blue-green switch, rate limit and Redis restart; then a stack on a three-master Redis Cluster (fail-open) for
 * the rate limit and a Redis restart. Writes the table to {@code docs/fault-results.md} and exits 1 if a rule broke.
 *
 * <p>Run: {@code ./local-deploy faults} (about four minutes on two cores).
 */
public final class FaultSuite {
    private FaultSuite() {
    }

    public static void main(String[] args) throws IOException {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path jar = repo.resolve("app/target/consoul-app-exec.jar");
        long start = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();
        results.addAll(onStack(repo, jar, false, s -> List.of(named("rate limit", s::rateLimit),
                named("blue-green switch", s::blueGreenSwitch),
                named("pre-scaled switch", () -> s.preScaledSwitch(consoulSwitch(repo, s.stack()))),
                named("rolling restart", s::rollingRestart),
                named("SIGKILL one instance", s::sigkill), named("Redis restart", s::redisRestart))));
        results.addAll(onStack(repo, jar, true, s -> List.of(named("rate limit", s::rateLimit),
                named("Redis restart", s::redisRestart))));
        double minutes = (System.nanoTime() - start) / 60e9;
        String table = markdown(results, minutes);
        Path out = repo.resolve("docs/fault-results.md");
        Files.writeString(out, table);
        System.out.println(table);
        System.out.println("written to " + out);
        System.exit(results.stream().allMatch(ScenarioResult::passed) ? 0 : 1);
    }

    /**
     * The pre-scaled switch as an operator runs it: {@code ./consoul switch local} with the load's API key (so the smoke
     * test and the warm-up send /chat, the production path), its default warm-up, a 15 s scale-down delay (longer than
     * the 10 s window the scenario rules on).
     */
    static Runnable consoulSwitch(Path repo, LocalStack stack) {
        return () -> {
            Path log = stack.workDir().resolve("logs/consoul-switch.log");
            try {
                Process p = new ProcessBuilder(repo.resolve("consoul").toString(), "switch", "local", "--local-dir",
                        stack.workDir().toString(), "--scale-down-delay", "15s", "--poll-interval", "1",
                        "--smoke-api-key", FaultStack.LOAD_KEY)
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("./consoul switch local exited " + p.exitValue() + ": "
                            + Files.readString(log).strip().lines().reduce((a, b) -> b).orElse(""));
                }
                System.out.print(Files.readString(log));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    /** A scenario by name, so one that throws still gets its row (a FAIL with the reason) and the rest still run. */
    private record Named(String name, Supplier<ScenarioResult> run) {
    }

    private static Named named(String name, Supplier<ScenarioResult> run) {
        return new Named(name, run);
    }

    private static List<ScenarioResult> onStack(Path repo, Path jar, boolean cluster, Function<Scenarios, List<Named>> scenarios)
            throws IOException {
        Path dir = Files.createTempDirectory("consoul-faults-");
        System.out.println("starting a local stack (" + FaultStack.describe(cluster) + ") in " + dir);
        try (LocalStack stack = LocalStack.up(FaultStack.options(dir, jar, cluster))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::down));
            List<ScenarioResult> results = new ArrayList<>();
            for (Named scenario : scenarios.apply(new Scenarios(stack, cluster))) {
                ScenarioResult r;
                try {
                    r = scenario.run().get();
                } catch (RuntimeException e) {
                    r = new ScenarioResult(scenario.name(), FaultStack.describe(cluster), 0, 0, 0, 0, 0, 0, "completes",
                            "", List.of("did not complete: " + e.getMessage()), 0);
                }
                System.out.println((r.passed() ? "PASS " : "FAIL ") + r.name() + " " + r.violations());
                results.add(r);
            }
            return results;
        }
    }

    static String markdown(List<ScenarioResult> results, double minutes) {
        StringBuilder md = new StringBuilder();
        md.append("# Fault suite results\n\n");
        md.append("Generated by `./local-deploy faults` (io.consoul.local.faults.FaultSuite); do not edit by hand.\n\n");
        md.append(String.format("- Date: %s%n", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC)).replaceAll("\\.\\d+", "")));
        md.append(String.format("- Machine: %s, %d cores, %s %s, Java %s%n", hostname(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version")));
        md.append("- Stack: HAProxy (checks `/ready` every 1 s, rise 2, fall 3) in front of 2 blue + 1 green app JVMs (the pre-scaled switch starts from 3 blue + 1 green and runs `./consoul switch local` with its default warm-up); ")
                .append("load: 48 sessions, 8 workers, 20 ms pause, no client retries\n");
        md.append(String.format("- Whole run: %.1f min%n%n", minutes));
        md.append("| scenario | Redis, limiter | sent | failed | 429 | p99 ms | sessions lost | rule | result | seen |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|---|---|\n");
        for (ScenarioResult r : results) {
            md.append(String.format("| %s | %s | %d | %d | %d | %.0f | %s | %s | %s | %s |%n", r.name(), r.stack(), r.sent(), r.failed(),
                    r.rateLimited(), r.p99Millis(), r.sessions() == 0 ? "–" : r.sessionsLost() + " / " + r.sessions(), r.rules(),
                    r.passed() ? "pass" : "**FAIL**: " + String.join("; ", r.violations()), r.notes().replace("|", "\\|")));
        }
        return md.toString();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}
