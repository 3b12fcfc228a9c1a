package io.consoul.bench;

import io.consoul.ratelimit.RateLimit;
import io.consoul.ratelimit.RateLimiter;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rate limiter alone: our one-EVALSHA sliding log against Bucket4j's Lettuce (compare-and-swap) integration,
 * same Redis, same threads, same number of buckets, same limit. Alternating rounds; prints checks per second, Redis
 * commands and CPU per check on each side, the median ratio, and where Redis spent its time (INFO commandstats:
 * calls per check and microseconds per call of every command, those run inside Lua included). The previous release's
 * limiter as it shipped ({@link PreviousRelease}: its client and its sorted-set script, {@code rate-limit-v2.lua}) runs
 * in the same rounds, so the change shows against what it replaced.
 *
 * <p>Two scenarios, each its own alternating rounds: {@code issue} (issue 16's setup and the headline: a limit too
 * high to refuse, 1e9 a minute, over 1,000 buckets, so every bucket holds each admission of the last minute —
 * thousands) and {@code tier} (a realistic tier, 100 a minute per key over 50,000 keys: short logs, which both layouts keep
 * in compact listpack encoding; the share allowed is printed).
 *
 * <p>Each scenario runs with the callers on each thread model the app serves requests on: platform threads (Tomcat's
 * pool, the app on Java 17) and virtual threads (the app on Java 21+, which the container image runs). They differ where
 * a limiter spends its client CPU — a caller blocked on its answer and woken again — so each gets its own ratio.
 *
 * <p>Alone: {@code ./mvnw -B -pl bench -am verify -Pbench -DskipTests -Dbench.main=io.consoul.bench.LimiterBenchmark}
 * ({@code -Dbench.limiter.threads=16}, {@code -Dbench.limiter.seconds=5}, {@code -Dbench.limiter.rounds=7},
 * {@code -Dbench.limiter.scenarios=issue,tier}, {@code -Dbench.limiter.callers=platform,virtual}).
 */
public final class LimiterBenchmark {
    private static final LuaScript SORTED_SET_V2 = LuaScript.fromClasspath("/io/consoul/bench/rate-limit-v2.lua");
    private static final Pattern COMMAND_STATS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+),usec=(\\d+)");
    private static final String OURS = "Consoul sliding log (list)";
    private static final String BUCKET4J = "Bucket4j Lettuce CAS";
    private static final String PREVIOUS = "previous release, as shipped";

    private LimiterBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.limiter.threads", 16);
        int seconds = Integer.getInteger("bench.limiter.seconds", 5);
        int rounds = Integer.getInteger("bench.limiter.rounds", 7);
        for (String scenario : System.getProperty("bench.limiter.scenarios", "issue,tier").split(",")) {
            try (RedisServer redis = RedisServer.launch()) {
                switch (scenario.trim()) {
                    case "issue" -> run(redis, threads, seconds, rounds);
                    case "tier" -> run(redis, "a realistic tier: 100/minute per key, 50,000 keys", 50_000,
                            new RateLimit(100, Duration.ofMinutes(1)), threads, seconds, rounds);
                    default -> throw new IllegalArgumentException("bench.limiter.scenarios: unknown '" + scenario
                            + "' (issue, tier)");
                }
            }
        }
    }

    record Figures(double checksPerSecond, double allowedShare, double commandsPerCheck, double redisMicrosPerCheck,
                   double clientMicrosPerCheck) {}

    /** Calls and microseconds per Redis command, summed over a contender's rounds. */
    record CommandTime(long calls, long micros) {}

    /** Issue 16's setup, the headline (also run by {@link ChatBenchmark} after {@code /chat}). */
    static void run(RedisServer redis, int threads, int seconds, int rounds) throws Exception {
        run(redis, "issue 16: limit 1e9/minute, 1,000 buckets (the headline)", 1000,
                new RateLimit(1_000_000_000, Duration.ofMinutes(1)), threads, seconds, rounds);
    }

    static void run(RedisServer redis, String title, int buckets, RateLimit limit, int threads, int seconds, int rounds)
            throws Exception {
        ClientResources resources = ClientResources.create();
        RedisEndpoint endpoint = RedisEndpoint.connectNow(redis.url(2), false, Duration.ofSeconds(2), resources);
        RedisRateLimiter ours = new RedisRateLimiter(endpoint);
        PreviousRelease previous = new PreviousRelease(endpoint);

        RedisClient client = RedisClient.create(resources, redis.url(3));
        ProxyManager<byte[]> bucket4j = Bucket4jLettuce.casBasedBuilder(client).build();
        BucketConfiguration config = BucketConfiguration.builder().addLimit(l -> l.capacity(limit.requests())
                .refillGreedy(limit.requests(), limit.window())).build();

        Map<String, IntPredicate> contenders = new LinkedHashMap<>();
        contenders.put(OURS, i -> ours.check("bench:ours:" + (i % buckets), limit).allowed());
        contenders.put(BUCKET4J, i -> bucket4j.builder()
                .build(("bench:b4j:" + (i % buckets)).getBytes(StandardCharsets.UTF_8), () -> config).tryConsume(1));
        contenders.put(PREVIOUS, i -> previous.check("bench:v2:" + (i % buckets), limit).allowed());

        String only = System.getProperty("bench.limiter.only"); // e.g. to profile one side: ours, bucket4j, previous
        if (only != null) contenders.keySet().removeIf(name -> !name.toLowerCase().contains(only.toLowerCase())
                && !(only.equals("ours") && name.equals(OURS)));

        for (String callers : System.getProperty("bench.limiter.callers", "platform,virtual").split(",")) {
            boolean virtual = switch (callers.trim()) {
                case "platform" -> false;
                case "virtual" -> true;
                default -> throw new IllegalArgumentException("bench.limiter.callers: unknown '" + callers
                        + "' (platform, virtual)");
            };
            if (virtual && Runtime.version().feature() < 21) {
                System.out.printf("%nLimiter alone, %s: no virtual threads on Java %s, skipped%n", title, Runtime.version());
                continue;
            }
            compare(contenders, title + (virtual ? ", callers on virtual threads (the app on Java 21+)"
                    : ", callers on platform threads (the app on Java 17)"), virtual, threads, seconds, rounds, redis);
        }
        client.shutdown();
        endpoint.close();
        resources.shutdown();
    }

    /** Alternating rounds of every contender, its figures, and the ratios. */
    private static void compare(Map<String, IntPredicate> contenders, String title, boolean virtual, int threads,
                                int seconds, int rounds, RedisServer redis) throws Exception {
        System.out.printf("%nLimiter alone, %s: %d threads, %d rounds of %d s each, alternating; %d cores%n",
                title, threads, rounds, seconds, Runtime.getRuntime().availableProcessors());
        for (IntPredicate check : contenders.values()) measure(check, virtual, threads, 3, redis, new TreeMap<>()); // warm-up
        Map<String, List<Figures>> results = new LinkedHashMap<>();
        Map<String, Map<String, CommandTime>> profiles = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, IntPredicate> c : contenders.entrySet()) {
                Figures f = measure(c.getValue(), virtual, threads, seconds, redis,
                        profiles.computeIfAbsent(c.getKey(), k -> new TreeMap<>()));
                results.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(f);
                System.out.printf("round %d  %-30s %8.0f checks/s (%3.0f %% allowed)  %4.1f Redis commands/check"
                                + " (incl. inside Lua)  Redis CPU %5.1f us/check  client JVM CPU %5.1f us/check%n",
                        round, c.getKey(), f.checksPerSecond(), 100 * f.allowedShare(), f.commandsPerCheck(),
                        f.redisMicrosPerCheck(), f.clientMicrosPerCheck());
            }
        }
        for (Map.Entry<String, List<Figures>> r : results.entrySet()) {
            List<Figures> f = r.getValue();
            System.out.printf("%-30s median %8.0f checks/s (%.0f..%.0f)  Redis CPU %5.1f  client CPU %5.1f us/check%n",
                    r.getKey(), median(f.stream().mapToDouble(Figures::checksPerSecond).toArray()),
                    f.stream().mapToDouble(Figures::checksPerSecond).min().orElse(0),
                    f.stream().mapToDouble(Figures::checksPerSecond).max().orElse(0),
                    median(f.stream().mapToDouble(Figures::redisMicrosPerCheck).toArray()),
                    median(f.stream().mapToDouble(Figures::clientMicrosPerCheck).toArray()));
        }
        for (Map.Entry<String, Map<String, CommandTime>> p : profiles.entrySet()) {
            double checks = results.get(p.getKey()).stream().mapToDouble(f -> f.checksPerSecond() * seconds).sum();
            StringBuilder line = new StringBuilder();
            p.getValue().forEach((command, t) -> {
                if (t.calls() > 0) line.append(String.format("  %s %.2f/check %.1f us/call", command,
                        t.calls() / checks, (double) t.micros() / t.calls()));
            });
            System.out.printf("Redis commandstats, %s:%s%n", p.getKey(), line);
        }
        if (results.keySet().containsAll(List.of(OURS, BUCKET4J, PREVIOUS))) { // not when one side runs alone
            List<Figures> o = results.get(OURS), b = results.get(BUCKET4J), v = results.get(PREVIOUS);
            printRatio("ratio ours / Bucket4j (" + title + ")", perRound(o, b, Figures::checksPerSecond));
            printRatio("ratio previous release / Bucket4j", perRound(v, b, Figures::checksPerSecond));
            printRatio("ratio ours / previous release", perRound(o, v, Figures::checksPerSecond));
            // Checks per CPU-second (Redis and client together): what throughput follows once every core is busy, as
            // on a loaded host; on an idle one the checks/s ratio is bound by round-trip latency instead.
            printRatio("checks per CPU-second, ours / Bucket4j", perRound(o, b, LimiterBenchmark::checksPerCpuSecond));
        }
    }

    private static Figures measure(IntPredicate check, boolean virtual, int threads, int seconds, RedisServer redis,
                                   Map<String, CommandTime> profile) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder done = new LongAdder();
        LongAdder allowed = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        Map<String, CommandTime> stats0 = commandStats(redis);
        double redisCpu0 = redis.cpuSeconds();
        long clientCpu0 = processCpuNanos();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7919;
            Thread w = caller(virtual, () -> {
                for (int i = offset; running.get(); i++) {
                    if (check.test(i)) allowed.increment();
                    done.increment();
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
        double redisCpu = redis.cpuSeconds() - redisCpu0;
        Map<String, CommandTime> stats = commandStats(redis);
        long commands = 0;
        for (Map.Entry<String, CommandTime> s : stats.entrySet()) {
            CommandTime before = stats0.getOrDefault(s.getKey(), new CommandTime(0, 0));
            CommandTime delta = new CommandTime(s.getValue().calls() - before.calls(), s.getValue().micros() - before.micros());
            if (s.getKey().equals("info") || delta.calls() == 0) continue; // INFO: this measurement's own
            commands += delta.calls();
            profile.merge(s.getKey(), delta, (a, b) -> new CommandTime(a.calls() + b.calls(), a.micros() + b.micros()));
        }
        double checks = done.sum();
        return new Figures(checks / elapsed, allowed.sum() / checks, commands / checks, redisCpu * 1e6 / checks,
                clientCpu / 1e3 / checks);
    }

    /** A caller thread: a platform one, or a virtual one (looked up at run time: the build targets Java 17). */
    private static Thread caller(boolean virtual, Runnable body) throws ReflectiveOperationException {
        if (!virtual) return new Thread(body);
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class).invoke(builder, body);
    }

    private static Map<String, CommandTime> commandStats(RedisServer redis) throws Exception {
        Map<String, CommandTime> stats = new TreeMap<>();
        Matcher m = COMMAND_STATS.matcher(redis.info("commandstats"));
        while (m.find()) stats.put(m.group(1), new CommandTime(Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
        return stats;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Per round (the rounds alternate, so each pair ran under the same machine load): a's figure over b's. */
    private static double[] perRound(List<Figures> a, List<Figures> b, ToDoubleFunction<Figures> figure) {
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = figure.applyAsDouble(a.get(i)) / figure.applyAsDouble(b.get(i));
        return r;
    }

    private static double checksPerCpuSecond(Figures f) {
        return 1e6 / (f.redisMicrosPerCheck() + f.clientMicrosPerCheck());
    }

    private static void printRatio(String what, double[] perRound) {
        System.out.printf("%s: median %.2f over %d rounds [%s]%n", what, median(perRound), perRound.length,
                Arrays.stream(perRound).mapToObj(r -> String.format("%.2f", r)).collect(Collectors.joining(" ")));
    }

    /**
     * The limiter of the previous release, frozen for the record: the sorted-set log ({@code rate-limit-v2.lua}, a
     * member per request under the bucket's own name) and its client — batches of up to 64, up to 2 calls out, each
     * caller sending whenever fewer than 2 are out.
     */
    static final class PreviousRelease {
        private final RedisEndpoint redis;
        private final ConcurrentLinkedQueue<Check> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicInteger inFlight = new AtomicInteger();

        PreviousRelease(RedisEndpoint redis) {
            this.redis = redis;
        }

        RateLimiter.Decision check(String bucket, RateLimit limit) {
            Check mine = new Check(bucket, limit);
            waiting.add(mine);
            pump();
            return mine.join();
        }

        private void pump() {
            while (!waiting.isEmpty()) {
                int out = inFlight.get();
                if (out >= 2) return;
                if (!inFlight.compareAndSet(out, out + 1)) continue;
                List<Check> batch = new ArrayList<>();
                for (Check c; batch.size() < 64 && (c = waiting.poll()) != null; ) batch.add(c);
                if (batch.isEmpty()) {
                    inFlight.decrementAndGet();
                    return;
                }
                send(batch);
            }
        }

        private void send(List<Check> batch) {
            String[] keys = new String[batch.size()];
            String[] args = new String[3 * batch.size()];
            for (int i = 0; i < keys.length; i++) {
                Check c = batch.get(i);
                keys[i] = c.bucket;
                args[3 * i] = Integer.toString(c.limit.requests());
                args[3 * i + 1] = Long.toString(c.limit.window().toMillis());
                args[3 * i + 2] = Long.toHexString(ThreadLocalRandom.current().nextLong());
            }
            SORTED_SET_V2.<List<Long>>runAsync(redis, ScriptOutputType.MULTI, keys, args)
                    .whenComplete((r, failure) -> finished(batch, r, failure));
        }

        private void finished(List<Check> batch, List<Long> r, Throwable failure) {
            inFlight.decrementAndGet();
            for (int i = 0; i < batch.size(); i++) {
                if (failure != null) batch.get(i).completeExceptionally(failure);
                else batch.get(i).complete(new RateLimiter.Decision(r.get(3 * i) == 1, r.get(3 * i + 1).intValue(),
                        r.get(3 * i + 2)));
            }
            pump();
        }

        private static final class Check extends CompletableFuture<RateLimiter.Decision> {
            final String bucket;
            final RateLimit limit;

            Check(String bucket, RateLimit limit) {
                this.bucket = bucket;
                this.limit = limit;
            }
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
