package io.consoul.bench;

import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One long conversation: {@code bench.turns} (1,000) turns of {@code bench.messageBytes} (4 KB) messages on one
 * session, against one instance with Redis (echo model, so the reply is as long as the message), printing the
 * first and last turns' latency, their ratio, and the stored session's size against its bound.
 *
 * <p>With {@code -Dbench.baseline.jar=<consoul-app.jar built from another commit>} the same conversation also runs
 * against that build (its own process, another Redis database on the same server), turn for turn alternately
 * with this one, so both see the same machine at the same moment: the figures are then a ratio to a baseline
 * measured in the same run. Asserts nothing (a benchmark, not a test).
 *
 * <p>Run: {@code ./mvnw -B -pl bench -am verify -Pbench-long -DskipTests [-Dbench.baseline.jar=...]}; settings
 * {@code -Dbench.turns=1000 -Dbench.messageBytes=4096 -Dbench.warmup=300}. A baseline jar from main:
 * {@code git archive main | tar -x -C /tmp/base && (cd /tmp/base && ./mvnw -q -pl app -am package -DskipTests)},
 * then {@code -Dbench.baseline.jar=/tmp/base/app/target/consoul-app-exec.jar}.
 */
public final class LongConversationBenchmark {
    static final int EDGE = 50;

    public static void main(String[] args) throws Exception {
        int turns = Integer.getInteger("bench.turns", 1_000);
        int messageBytes = Integer.getInteger("bench.messageBytes", 4_096);
        String baselineJar = System.getProperty("bench.baseline.jar", "");
        List<Variant> variants = new ArrayList<>();
        try {
            variants.add(Variant.start("this build (bound: CONSOUL_SESSION_MAX_BYTES default, 10,000 bytes)", null, turns));
            if (!baselineJar.isBlank()) {
                variants.add(Variant.start("baseline " + baselineJar + " (no bound)", baselineJar, turns));
            }
            int warmup = Integer.getInteger("bench.warmup", 300);
            System.out.printf("Long conversation: %d turns of %,d-byte messages on one session, echo model, Redis, "
                    + "%d cores%s; after %d warm-up turns on short sessions (10 turns each)%n", turns, messageBytes,
                    Runtime.getRuntime().availableProcessors(),
                    variants.size() > 1 ? ", turns alternating between the builds" : "", warmup);
            // JIT warm-up on sessions too short to grow, so the first measured turns are not the JVM's first
            for (int turn = 0; turn < warmup; turn++) {
                for (Variant v : variants) v.warm(turn, message(turn, messageBytes));
            }
            for (int turn = 0; turn < turns; turn++) {
                String message = message(turn, messageBytes);
                // alternate who goes first, so neither always runs right after the other's write
                for (int i = 0; i < variants.size(); i++) {
                    variants.get((turn + i) % variants.size()).turn(turn, message);
                }
            }
            for (Variant v : variants) v.report();
        } finally {
            for (Variant v : variants) v.close();
        }
    }

    /** A message of exactly {@code bytes} ASCII bytes, different on every turn. */
    static String message(int turn, int bytes) {
        StringBuilder text = new StringBuilder("Turn " + turn + ": ");
        while (text.length() < bytes) text.append("lorem ipsum dolor sit amet ");
        return text.substring(0, bytes);
    }

    /** One build with its own Redis server (the same binary and settings for both). */
    static final class Variant implements AutoCloseable {
        final String name;
        final RedisServer redis;
        final App app;
        final long[] latencies;
        int errors;

        private Variant(String name, RedisServer redis, App app, int turns) {
            this.name = name;
            this.redis = redis;
            this.app = app;
            this.latencies = new long[turns];
        }

        static Variant start(String name, String jar, int turns) throws Exception {
            RedisServer redis = RedisServer.launch();
            return new Variant(name, redis, App.start(jar, redis.url(0), jar == null ? "bench-this.log" : "bench-baseline.log"), turns);
        }

        @Override
        public void close() {
            app.close();
            redis.close();
        }

        void warm(int turn, String message) {
            Http.post(app.url + "/chat", Http.chatBody("warm-up-" + turn / 10, message));
        }

        void turn(int turn, String message) {
            long start = System.nanoTime();
            Http.Response r = Http.post(app.url + "/chat", Http.chatBody("long-conversation", message));
            latencies[turn] = System.nanoTime() - start;
            if (r.status() != 200) errors++;
        }

        void report() throws Exception {
            double first = median(0, EDGE);
            double last = median(latencies.length - EDGE, latencies.length);
            long stored = Long.parseLong(redis.command("STRLEN consoul:session:long-conversation").substring(1).trim());
            System.out.printf("%n%s: errors %d%n", name, errors);
            System.out.printf("  first %d turns: median %.1f ms; last %d turns: median %.1f ms; last/first %.2f%n",
                    EDGE, first, EDGE, last, last / first);
            StringBuilder by100 = new StringBuilder("  median by hundred turns (ms):");
            for (int from = 0; from < latencies.length; from += 100) {
                by100.append(String.format(" %.1f", median(from, Math.min(latencies.length, from + 100))));
            }
            System.out.println(by100);
            System.out.printf("  stored session: %,d bytes in Redis%n", stored);
        }

        double median(int from, int to) {
            long[] slice = Arrays.copyOfRange(latencies, from, to);
            Arrays.sort(slice);
            return slice[slice.length / 2] / 1e6;
        }
    }

    /** The service in its own JVM: this build from the class path, or a baseline build's jar. */
    static final class App implements AutoCloseable {
        final Process process;
        final String url;

        private App(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static App start(String jar, String redisUrl, String log) throws Exception {
            int port = RedisServer.freePort();
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
            if (jar == null) {
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.consoul.ConsoulApplication"));
            } else {
                command.addAll(List.of("-jar", jar));
            }
            command.addAll(List.of("--server.port=" + port, "--management.server.port=" + RedisServer.freePort(),
                    "--consoul.redis-url=" + redisUrl, "--consoul.rate-limit=100000000/minute",
                    "--consoul.shutdown-delay=0s", "--logging.level.root=WARN"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File("target/" + log)).start();
            App app = new App(process, "http://127.0.0.1:" + port);
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    if (Http.get(app.url + "/ready").status() == 200) return app;
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            app.close();
            throw new IllegalStateException("the service did not become ready; see target/" + log);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
