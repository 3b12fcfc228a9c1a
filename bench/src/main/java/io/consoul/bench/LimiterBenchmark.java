package io.consoul.bench;

import io.consoul.ratelimit.RateLimit;
import io.consoul.ratelimit.RedisRateLimiter;
import io.consoul.redis.LuaScript;
import io.consoul.redis.RedisEndpoint;
import io.consoul.support.RedisServer;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.resource.ClientResources;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rate limiter alone: our one-EVALSHA sliding log against Bucket4j's Lettuce (compare-and-swap) integration,
 * same Redis, same threads, same number of buckets, limits too high to reject. Alternating rounds; prints checks
 * per second, Redis commands and CPU per check on each side, and the median ratio. The previous version of our
 * script (rate-limit-v1.lua, 6 commands inside Lua) runs in the same rounds, so a change shows against it too.
 *
 * <p>Alone: {@code ./mvnw -B -pl bench -am verify -Pbench -DskipTests -Dbench.main=io.consoul.bench.LimiterBenchmark}
 * ({@code -Dbench.limiter.threads=16}, {@code -Dbench.limiter.seconds=5}, {@code -Dbench.limiter.rounds=5}).
 */
public final class LimiterBenchmark {
    private static final LuaScript PREVIOUS = LuaScript.fromClasspath("/io/consoul/bench/rate-limit-v1.lua");
    private static final Pattern CPU = Pattern.compile("used_cpu_(?:sys|user):([0-9.]+)");

    private LimiterBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (RedisServer redis = RedisServer.launch()) {
            run(redis, Integer.getInteger("bench.limiter.threads", 16), Integer.getInteger("bench.limiter.seconds", 5),
                    Integer.getInteger("bench.limiter.rounds", 5));
        }
    }

    record Figures(double checksPerSecond, double commandsPerCheck, double redisMicrosPerCheck, double clientMicrosPerCheck) {}

    static void run(RedisServer redis, int threads, int seconds, int rounds) throws Exception {
        int buckets = 1000;
        ClientResources resources = ClientResources.create();
        RedisEndpoint endpoint = RedisEndpoint.connectNow(redis.url(2), false, Duration.ofSeconds(2), resources);
        RedisRateLimiter ours = new RedisRateLimiter(endpoint);
        RateLimit limit = new RateLimit(1_000_000_000, Duration.ofMinutes(1));

        RedisClient client = RedisClient.create(resources, redis.url(3));
        ProxyManager<byte[]> bucket4j = Bucket4jLettuce.casBasedBuilder(client).build();
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(1_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofMinutes(1))).build();

        Map<String, IntPredicate> contenders = new LinkedHashMap<>();
        contenders.put("Consoul sliding log (1 EVALSHA)", i -> ours.check("bench:ours:" + (i % buckets), limit).allowed());
        contenders.put("Bucket4j Lettuce CAS", i -> bucket4j.builder()
                .build(("bench:b4j:" + (i % buckets)).getBytes(StandardCharsets.UTF_8), () -> config).tryConsume(1));
        contenders.put("previous script (v1, for the record)", i -> {
            List<Long> r = PREVIOUS.run(endpoint, ScriptOutputType.MULTI, new String[] {"bench:v1:" + (i % buckets)},
                    Integer.toString(limit.requests()), Long.toString(limit.window().toMillis()),
                    Long.toHexString(ThreadLocalRandom.current().nextLong()));
            return r.get(0) == 1;
        });

        System.out.printf("%nLimiter alone: %d threads, %d buckets, %d rounds of %d s each, alternating; %d cores%n",
                threads, buckets, rounds, seconds, Runtime.getRuntime().availableProcessors());
        for (IntPredicate check : contenders.values()) measure(check, threads, 3, redis); // warm-up
        Map<String, List<Figures>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, IntPredicate> c : contenders.entrySet()) {
                Figures f = measure(c.getValue(), threads, seconds, redis);
                results.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(f);
                System.out.printf("round %d  %-38s %8.0f checks/s  %4.1f Redis commands/check (incl. inside Lua)"
                                + "  Redis CPU %5.1f us/check  client JVM CPU %5.1f us/check%n", round, c.getKey(),
                        f.checksPerSecond(), f.commandsPerCheck(), f.redisMicrosPerCheck(), f.clientMicrosPerCheck());
            }
        }
        List<Figures> oursFigures = results.get("Consoul sliding log (1 EVALSHA)");
        List<Figures> theirs = results.get("Bucket4j Lettuce CAS");
        List<Figures> previous = results.get("previous script (v1, for the record)");
        for (Map.Entry<String, List<Figures>> r : results.entrySet()) {
            System.out.printf("%-38s median %8.0f checks/s (%.0f..%.0f)%n", r.getKey(),
                    median(r.getValue().stream().mapToDouble(Figures::checksPerSecond).toArray()),
                    r.getValue().stream().mapToDouble(Figures::checksPerSecond).min().orElse(0),
                    r.getValue().stream().mapToDouble(Figures::checksPerSecond).max().orElse(0));
        }
        System.out.printf("ratio ours / Bucket4j: median %.2f over %d rounds %s%n", medianRatio(oursFigures, theirs), rounds,
                ratios(oursFigures, theirs));
        System.out.printf("ratio previous script / Bucket4j: median %.2f %s%n", medianRatio(previous, theirs),
                ratios(previous, theirs));
        client.shutdown();
        endpoint.close();
        resources.shutdown();
    }

    private static Figures measure(IntPredicate check, int threads, int seconds, RedisServer redis) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder done = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        long commands0 = redis.commandsSoFar();
        double redisCpu0 = redisCpuSeconds(redis);
        long clientCpu0 = processCpuNanos();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7919;
            Thread w = new Thread(() -> {
                for (int i = offset; running.get(); i++) {
                    if (check.test(i)) done.increment();
                }
            });
            workers.add(w);
            w.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread w : workers) w.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long clientCpu = processCpuNanos() - clientCpu0;
        double redisCpu = redisCpuSeconds(redis) - redisCpu0;
        long commands = redis.commandsSoFar() - commands0 - 2; // less the INFO calls of this measurement
        double checks = done.sum();
        return new Figures(checks / elapsed, commands / checks, redisCpu * 1e6 / checks, clientCpu / 1e3 / checks);
    }

    private static double redisCpuSeconds(RedisServer redis) throws Exception {
        Matcher m = CPU.matcher(redis.info("cpu"));
        double total = 0;
        for (int i = 0; i < 2 && m.find(); i++) total += Double.parseDouble(m.group(1)); // main process: sys, user
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double medianRatio(List<Figures> a, List<Figures> b) {
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).checksPerSecond() / b.get(i).checksPerSecond();
        return median(r);
    }

    private static String ratios(List<Figures> a, List<Figures> b) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < a.size(); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%.2f", a.get(i).checksPerSecond() / b.get(i).checksPerSecond()));
        }
        return s.append("]").toString();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
