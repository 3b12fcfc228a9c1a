package io.consoul.bench;

import io.consoul.client.ConsoulApiException;
import io.consoul.client.ConsoulClient;
import io.consoul.client.ConsoulTransportException;
import io.consoul.client.RetryPolicy;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /chat} throughput of one Consoul process (echo model, Redis stores, a limit too high to reject),
 * with the load generator on the same machine, then the limiter alone against Bucket4j (see {@link LimiterBenchmark}).
 *
 * <p>Run: {@code ./mvnw -B -pl bench -am verify -Pbench -DskipTests}. The load goes through the Java client. Settings: {@code -Dbench.threads=32},
 * {@code -Dbench.seconds=15}, {@code -Dbench.warmup=5}. Prints figures; asserts nothing (a benchmark, not a test).
 */
public final class ChatBenchmark {
    static final Pattern SENT = Pattern.compile("^lettuce_command_completion_seconds_count\\{command=\"([A-Z]+)\".*} (\\S+)$");
    static final Pattern CALLS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 32);
        int seconds = Integer.getInteger("bench.seconds", 15);
        int warmup = Integer.getInteger("bench.warmup", 5);
        try (RedisServer redis = RedisServer.launch(); AppProcess app = AppProcess.start(redis)) {
            System.out.printf("Consoul /chat benchmark: %d client threads, %d s warm-up, %d s measured, %d cores%n",
                    threads, warmup, seconds, Runtime.getRuntime().availableProcessors());
            load(app.url, threads, warmup);
            Map<String, Double> sentBefore = sent(app.metricsUrl);
            Map<String, Long> callsBefore = calls(redis);
            Result r = load(app.url, threads, seconds);
            Map<String, Double> sentAfter = sent(app.metricsUrl);
            Map<String, Long> callsAfter = calls(redis);

            System.out.printf("POST /chat: %d requests in %d s = %.0f req/s, errors %d%n", r.requests, seconds,
                    r.requests / (double) seconds, r.errors);
            System.out.printf("latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", r.percentile(50), r.percentile(99), r.percentile(100));
            System.out.printf("Redis round trips per request (client side, by command): %s = %.2f%n",
                    perRequest(delta(sentBefore, sentAfter), r.requests), total(delta(sentBefore, sentAfter)) / r.requests);
            Map<String, Double> server = delta(toDouble(callsBefore), toDouble(callsAfter));
            server.remove("info");
            System.out.printf("Redis commands per request (INFO commandstats, including those run inside Lua): %s = %.2f%n",
                    perRequest(server, r.requests), total(server) / r.requests);
            app.close();
            LimiterBenchmark.run(redis, Integer.getInteger("bench.limiter.threads", 16),
                    Integer.getInteger("bench.limiter.seconds", 5), Integer.getInteger("bench.limiter.rounds", 5));
        }
    }

    record Result(long requests, long errors, long[] latenciesNanos) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) return 0;
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }
    }

    /** {@code threads} callers in a closed loop through the Java client, each over its own sessions (at most 20 turns each). */
    static Result load(String url, int threads, int seconds) throws InterruptedException {
        ConsoulClient client = ConsoulClient.builder(url).retry(RetryPolicy.NONE).build();
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder errors = new LongAdder();
        List<long[]> samples = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long run = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long[] latencies = new long[2_000_000];
            int[] count = new int[1];
            samples.add(latencies);
            counts.add(count);
            int worker = t;
            Thread thread = new Thread(() -> {
                for (int n = 0; running.get(); n++) {
                    long start = System.nanoTime();
                    try {
                        client.chat("bench-" + run + "-" + worker + "-" + (n / 20), "benchmark message " + n);
                    } catch (ConsoulApiException | ConsoulTransportException e) {
                        errors.increment();
                    }
                    if (count[0] < latencies.length) latencies[count[0]++] = System.nanoTime() - start;
                }
            });
            workers.add(thread);
            thread.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread w : workers) w.join();
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i), 0, all, at, counts.get(i)[0]);
            at += counts.get(i)[0];
        }
        Arrays.sort(all);
        return new Result(total, errors.sum(), all);
    }

    static double median(double[] values) {
        return LimiterBenchmark.median(values);
    }

    static Map<String, Double> sent(String metricsUrl) {
        Map<String, Double> sent = new HashMap<>();
        Http.get(metricsUrl).body().lines().map(SENT::matcher).filter(Matcher::matches)
                .forEach(m -> sent.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum));
        return sent;
    }

    static Map<String, Long> calls(RedisServer redis) throws IOException {
        Map<String, Long> calls = new HashMap<>();
        Matcher m = CALLS.matcher(redis.info("commandstats"));
        while (m.find()) calls.put(m.group(1), Long.parseLong(m.group(2)));
        return calls;
    }

    static Map<String, Double> toDouble(Map<String, Long> m) {
        Map<String, Double> d = new HashMap<>();
        m.forEach((k, v) -> d.put(k, v.doubleValue()));
        return d;
    }

    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new HashMap<>(after);
        d.replaceAll((k, v) -> v - before.getOrDefault(k, 0.0));
        d.values().removeIf(v -> v == 0);
        return d;
    }

    static String perRequest(Map<String, Double> counts, long requests) {
        Map<String, String> per = new java.util.TreeMap<>();
        counts.forEach((k, v) -> per.put(k, String.format("%.2f", v / requests)));
        return per.toString();
    }

    static double total(Map<String, Double> counts) {
        return counts.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The service in its own JVM, as in production, on free ports. */
    static final class AppProcess implements AutoCloseable {
        final Process process;
        final String url;
        final String metricsUrl;

        private AppProcess(Process process, int port, int metricsPort) {
            this.process = process;
            this.url = "http://127.0.0.1:" + port;
            this.metricsUrl = "http://127.0.0.1:" + metricsPort + "/metrics";
        }

        long pid() {
            return process.pid();
        }

        static AppProcess start(RedisServer redis, String... extraArgs) throws Exception {
            int port = RedisServer.freePort();
            int metricsPort = RedisServer.freePort();
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
            // extra JVM options for the service alone, e.g. -Dbench.app.jvm="-Xlog:gc:file=target/gc.log"
            Arrays.stream(System.getProperty("bench.app.jvm", "").split(" ")).filter(o -> !o.isBlank()).forEach(command::add);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "io.consoul.ConsoulApplication",
                    "--server.port=" + port, "--management.server.port=" + metricsPort,
                    "--consoul.redis-url=" + redis.url(0), "--consoul.rate-limit=100000000/minute",
                    "--consoul.shutdown-delay=0s", "--logging.level.root=WARN"));
            command.addAll(List.of(extraArgs));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("target/bench-app.log")).start();
            AppProcess app = new AppProcess(process, port, metricsPort);
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    if (ConsoulClient.builder(app.url).retry(RetryPolicy.NONE).build().ready().ready()) return app;
                } catch (ConsoulTransportException notYet) {
                    Thread.sleep(200);
                }
            }
            app.close();
            throw new IllegalStateException("the service did not become ready; see target/bench-app.log");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
