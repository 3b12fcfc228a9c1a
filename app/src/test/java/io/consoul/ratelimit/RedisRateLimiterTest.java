package io.consoul.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consoul.redis.RedisEndpoint;
import io.consoul.support.RedisServer;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.consoul.redis.LuaScript;
import io.consoul.redis.RedisUnavailableException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shared limiter against a real Redis: a rolling window, one command per check, concurrent checks batched into
 * shared calls without changing any decision, and a Redis restart survived.
 */
@Timeout(60)
class RedisRateLimiterTest {
    static RedisServer redis;
    static ClientResources resources;
    static RedisEndpoint endpoint;
    static RedisRateLimiter limiter;
    static SimpleMeterRegistry commands = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        redis = RedisServer.launch();
        resources = ClientResources.builder().commandLatencyRecorder(new MicrometerCommandLatencyRecorder(commands,
                MicrometerOptions.builder().histogram(false).localDistinction(false).build())).build();
        endpoint = RedisEndpoint.connectNow(redis.url(0), false, Duration.ofSeconds(2), resources);
        limiter = new RedisRateLimiter(endpoint);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        resources.shutdown();
        redis.close();
    }

    @Test
    void theWindowRollsRequestByRequestSoThereIsNoDoubleBurstAtABoundary() throws Exception {
        RateLimit limit = new RateLimit(3, Duration.ofSeconds(2));
        String bucket = "test:rolling";
        long first = redis.timeMillis();
        assertThat(limiter.check(bucket, limit).allowed()).isTrue();
        // the next two 0.6 s later on the limiter's clock (Redis's TIME), not the test's
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> redis.timeMillis() >= first + 600);
        assertThat(limiter.check(bucket, limit).allowed()).isTrue();
        assertThat(limiter.check(bucket, limit).allowed()).isTrue();
        RateLimiter.Decision refused = limiter.check(bucket, limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.resetMillis()).as("until the first request leaves the window").isBetween(900L, 1500L);

        // a refused check records nothing, so asking until it is allowed is a wait: not before the reset, and soon after
        await("one slot freed").atLeast(Duration.ofMillis(refused.resetMillis() - 150))
                .atMost(Duration.ofMillis(refused.resetMillis() + 3_000)).pollInterval(Duration.ofMillis(25)).until(() -> limiter.check(bucket, limit).allowed());
        // A fixed window would have started afresh by now and allowed two more: the rolling one still counts
        // the two requests made 0.6 s after the first.
        assertThat(limiter.check(bucket, limit).allowed()).isFalse();
    }

    @Test
    void remainingCountsDownToZero() {
        RateLimit limit = new RateLimit(3, Duration.ofMinutes(1));
        assertThat(limiter.check("test:remaining", limit).remaining()).isEqualTo(2);
        assertThat(limiter.check("test:remaining", limit).remaining()).isEqualTo(1);
        assertThat(limiter.check("test:remaining", limit).remaining()).isEqualTo(0);
        assertThat(limiter.check("test:remaining", limit).remaining()).isEqualTo(0);
    }

    @Test
    void eachCheckIsOneRoundTripToRedis() {
        RateLimit limit = new RateLimit(1000, Duration.ofMinutes(1));
        limiter.check("test:warm", limit); // the script is cached on this server from here on
        Map<String, Long> before = sentByCommand();
        for (int i = 0; i < 50; i++) limiter.check("test:count-" + (i % 5), limit);
        Map<String, Long> after = sentByCommand();
        after.replaceAll((command, n) -> n - before.getOrDefault(command, 0L));
        after.values().removeIf(n -> n == 0);
        assertThat(after).as("commands the client sent").isEqualTo(Map.of("EVALSHA", 50L));
    }

    /** What the Lettuce client sent, by command: each is one request and one reply. */
    private static Map<String, Long> sentByCommand() {
        Map<String, Long> sent = new HashMap<>();
        commands.find("lettuce.command.completion").timers()
                .forEach(t -> sent.merge(t.getId().getTag("command"), t.count(), Long::sum));
        return sent;
    }

    @Test
    void aRestartedRedisThatForgotTheScriptIsServedWithoutError() throws Exception {
        RateLimit limit = new RateLimit(10, Duration.ofMinutes(1));
        limiter.check("test:noscript", limit);
        redis.command("SCRIPT FLUSH");
        assertThat(limiter.check("test:noscript", limit).allowed()).isTrue();
    }

    @Test
    void aFreshBucketFreesItsSlotAWholeWindowFromNow() {
        RateLimit limit = new RateLimit(5, Duration.ofSeconds(30));
        RateLimiter.Decision first = limiter.check("test:fresh", limit);
        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(4);
        assertThat(first.resetMillis()).as("the oldest counted request is this one").isEqualTo(30_000L);
    }

    @Test
    void concurrentChecksOnOneBucketAllowExactlyTheLimitAndCountEachRequestOnce() throws Exception {
        RateLimit limit = new RateLimit(200, Duration.ofMinutes(1));
        int threads = 16;
        int perThread = 25;
        ConcurrentLinkedQueue<RateLimiter.Decision> decisions = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) decisions.add(limiter.check("test:concurrent", limit));
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
        List<RateLimiter.Decision> allowed = decisions.stream().filter(RateLimiter.Decision::allowed).toList();
        assertThat(allowed).hasSize(200);
        assertThat(allowed).extracting(RateLimiter.Decision::remaining).as("each allowed request counted once, in turn")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).boxed().toList());
        assertThat(decisions.stream().filter(d -> !d.allowed())).hasSize(threads * perThread - 200)
                .allSatisfy(d -> assertThat(d.remaining()).isZero());
    }

    @Test
    void checksSentTogetherAreDecidedOneAfterAnotherEachWithItsOwnLimit() {
        LuaScript script = LuaScript.fromClasspath("/io/consoul/redis/rate-limit.lua");
        List<Long> r = script.run(endpoint, ScriptOutputType.MULTI,
                new String[] {"test:batch-a", "test:batch-b", "test:batch-a", "test:batch-a"},
                "2", "60000", "5", "10000", "2", "60000", "2", "60000");
        assertThat(r.subList(0, 3)).as("a, first").containsExactly(1L, 1L, 60_000L);
        assertThat(r.subList(3, 6)).as("b, its own limit and window").containsExactly(1L, 4L, 10_000L);
        assertThat(r.subList(6, 9)).as("a, second: counts the first").containsExactly(1L, 0L, 60_000L);
        assertThat(r.subList(9, 12)).as("a, third: over the limit").containsExactly(0L, 0L, 60_000L);
    }

    /**
     * The batching rule: a check that finds Redis idle goes out at once; the ones that arrive while it is out wait
     * for it — until eight wait (the threshold measured in bench/README.md's limiter run), which go together as a
     * second call; later ones wait for the two calls out and then go together. Never one call each. Redis is paused so
     * the calls stay out.
     */
    @Test
    void checksArrivingWhileACallIsOutShareTheNextCall() throws Exception {
        RedisRateLimiter batching = new RedisRateLimiter(endpoint);
        RateLimit limit = new RateLimit(1000, Duration.ofMinutes(1));
        batching.check("test:batching-warm", limit); // the script is cached on this server from here on
        Map<String, Long> before = sentByCommand();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<RateLimiter.Decision>> checks = new ArrayList<>();
        try {
            // 1.5 s: the calls must stay out until every step below has been seen, and come back within the 2 s timeout
            redis.command("CLIENT PAUSE 1500 ALL");
            checks.add(pool.submit(() -> batching.check("test:batching", limit)));
            whilePaused().until(() -> batching.callsOut() == 1 && batching.queued() == 0);
            for (int i = 0; i < 7; i++) checks.add(pool.submit(() -> batching.check("test:batching", limit)));
            whilePaused().until(() -> batching.queued() == 7);
            assertThat(batching.callsOut()).as("seven wait for the call out").isEqualTo(1);

            checks.add(pool.submit(() -> batching.check("test:batching", limit))); // the eighth: all eight go
            whilePaused().until(() -> batching.callsOut() == 2 && batching.queued() == 0);

            for (int i = 0; i < 3; i++) checks.add(pool.submit(() -> batching.check("test:batching", limit)));
            whilePaused().until(() -> batching.queued() == 3);
            assertThat(batching.callsOut()).as("no third call while two are out").isEqualTo(2);

            List<Integer> remaining = new ArrayList<>();
            for (Future<RateLimiter.Decision> f : checks) remaining.add(f.get().remaining());
            assertThat(remaining).as("each counted once, in turn").containsExactlyInAnyOrderElementsOf(
                    IntStream.range(1000 - checks.size(), 1000).boxed().toList());
        } finally {
            pool.shutdown();
        }
        Map<String, Long> after = sentByCommand();
        assertThat(after.get("EVALSHA") - before.getOrDefault("EVALSHA", 0L))
                .as("the first alone, the eight together, the three behind them together").isEqualTo(3L);
    }

    /**
     * Callers on virtual threads that share a call are answered from a thread of their own, not from the Lettuce thread
     * that read the reply (why: {@code RedisRateLimiter.handBack}); a lone caller and platform callers from the Lettuce
     * thread. The build's Java 17 has no virtual threads, so callers named "virtual-" stand in for them
     * (VirtualThreadsTest covers the real lookup).
     */
    @Test
    void callersOnVirtualThreadsThatShareACallAreAnsweredFromAThreadOfTheirOwn() throws Exception {
        AtomicInteger answerers = new AtomicInteger();
        ThreadFactory counted = r -> new Thread(() -> {
            answerers.incrementAndGet();
            r.run();
        }, "answerer");
        RedisRateLimiter limiter = new RedisRateLimiter(endpoint, counted, t -> t.getName().startsWith("virtual-"));

        List<Integer> remaining = on("virtual-lone", () -> IntStream.range(0, 3)
                .mapToObj(i -> limiter.check("test:apart-lone", TEN_A_MINUTE).remaining()).toList());
        assertThat(remaining).as("answers intact").containsExactly(9, 8, 7);
        assertThat(answerers.get()).as("a lone caller, one check a call: answered where the reply was read").isZero();

        assertThat(oneThenThreeTogether(limiter, "virtual-", "test:apart-shared")).containsExactlyInAnyOrder(9, 8, 7, 6);
        assertThat(answerers.get()).as("one answering thread for the three that shared a call").isEqualTo(1);

        assertThat(oneThenThreeTogether(limiter, "platform-", "test:apart-platform")).containsExactlyInAnyOrder(9, 8, 7, 6);
        assertThat(answerers.get()).as("platform callers: answered where the reply was read").isEqualTo(1);
    }

    @Test
    void whenNoAnsweringThreadCanBeStartedTheCallersAreAnsweredAnyway() throws Exception {
        ThreadFactory exhausted = r -> {
            throw new RejectedExecutionException("no threads left");
        };
        RedisRateLimiter limiter = new RedisRateLimiter(endpoint, exhausted, t -> true);
        limiter.check("test:no-answerer-warm", TEN_A_MINUTE); // the script is cached on this server from here on
        assertThat(oneThenThreeTogether(limiter, "virtual-", "test:no-answerer")).containsExactlyInAnyOrder(9, 8, 7, 6);
    }

    private static final RateLimit TEN_A_MINUTE = new RateLimit(10, Duration.ofMinutes(1));

    /**
     * Four checks of {@link #TEN_A_MINUTE} on threads named {@code callerPrefix1..4}: one alone, then three that queue
     * behind it while Redis is paused and share the next call. Returns their decisions' remaining counts.
     */
    private static List<Integer> oneThenThreeTogether(RedisRateLimiter limiter, String callerPrefix, String bucket)
            throws Exception {
        AtomicInteger n = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(4, r -> new Thread(r, callerPrefix + n.incrementAndGet()));
        try {
            redis.command("CLIENT PAUSE 1500 ALL"); // as in the batching test: long enough to see, short of the timeout
            List<Future<RateLimiter.Decision>> checks = new ArrayList<>();
            checks.add(callers.submit(() -> limiter.check(bucket, TEN_A_MINUTE)));
            whilePaused().until(() -> limiter.callsOut() == 1 && limiter.queued() == 0);
            for (int i = 0; i < 3; i++) checks.add(callers.submit(() -> limiter.check(bucket, TEN_A_MINUTE)));
            whilePaused().until(() -> limiter.queued() == 3);
            List<Integer> remaining = new ArrayList<>();
            for (Future<RateLimiter.Decision> f : checks) remaining.add(f.get(10, TimeUnit.SECONDS).remaining());
            return remaining;
        } finally {
            callers.shutdownNow();
        }
    }

    /** Runs {@code task} on a new platform thread of that name and returns what it returned. */
    private static <T> T on(String threadName, Callable<T> task) throws Exception {
        FutureTask<T> run = new FutureTask<>(task);
        new Thread(run, threadName).start();
        return run.get(10, TimeUnit.SECONDS);
    }

    /** Waits that poll often: each must end well inside the pause. */
    private static ConditionFactory whilePaused() {
        return await().atMost(Duration.ofSeconds(1)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    @Test
    void oneBucketWithTheFormerRequestIdArgumentIsCheckedAsBefore() {
        // bench/baseline calls the app's script as the previous release did: one key, limit, window and a request id
        LuaScript script = LuaScript.fromClasspath("/io/consoul/redis/rate-limit.lua");
        List<Long> r = script.run(endpoint, ScriptOutputType.MULTI, new String[] {"test:one-key"}, "3", "60000", "an-id");
        assertThat(r).containsExactly(1L, 2L, 60_000L);
    }

    /**
     * The window's edge to the millisecond: requests seeded one a millisecond apart around {@code now - window}. The
     * one exactly a window old has left (a fixed window or an off-by-one would count it); the next, a millisecond
     * younger, is counted and is the oldest, so its slot frees in exactly 1 ms.
     */
    @Test
    void aRequestExactlyAWindowOldNoLongerCountsAndOneAMillisecondYoungerDoes() throws Exception {
        RateLimit limit = new RateLimit(10_000, Duration.ofSeconds(30));
        long window = limit.window().toMillis();
        String bucket = "test:edge";
        // spelled out, not RedisRateLimiter.KEY_SUFFIX: <bucket>:list is the documented layout (docs/deploying.md),
        // which an older colour sharing the Redis must never meet under its own key
        String key = bucket + ":list";
        int seeded = 2_000;
        long before = redis.timeMillis();
        // times before - window - 20 ... before - window + 1979, oldest first, as the limiter appends them
        String[] times = new String[seeded];
        for (int k = 0; k < seeded; k++) times[k] = Long.toString(before - window - 20 + k);
        endpoint.commands().rpush(key, times);
        RateLimiter.Decision d = limiter.check(bucket, limit);
        long after = redis.timeMillis();

        assertThat(d.allowed()).isTrue();
        assertThat(d.resetMillis()).as("the oldest counted request leaves in 1 ms: the one at now - window did not count")
                .isEqualTo(1L);
        // counted = the seeded times > now - window, i.e. k > now - before + 20; so the count tells the script's now
        int counted = limit.requests() - d.remaining() - 1;
        long now = before - 20 + seeded - 1 - counted;
        assertThat(now).as("the clock the count implies lies between the TIME read before and after").isBetween(before, after);
    }

    @Test
    void theLeftRequestsAreTrimmedAndTheFreshOnesCounted() {
        RateLimit limit = new RateLimit(5, Duration.ofMinutes(1));
        String bucket = "test:trim";
        String key = bucket + ":list";
        String[] stale = IntStream.range(0, 50).mapToObj(i -> "1000" + i).toArray(String[]::new); // long gone: 1970
        endpoint.commands().rpush(key, stale);
        RateLimiter.Decision first = limiter.check(bucket, limit);
        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(4);
        assertThat(first.resetMillis()).isEqualTo(60_000L);
        assertThat(endpoint.commands().llen(key)).as("all but the last few left ones are trimmed").isLessThan(10);
        for (int i = 0; i < 4; i++) assertThat(limiter.check(bucket, limit).allowed()).isTrue();
        long length = endpoint.commands().llen(key);
        RateLimiter.Decision refused = limiter.check(bucket, limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(endpoint.commands().llen(key)).as("a refused request leaves no trace").isEqualTo(length);
        assertThat(endpoint.commands().pttl(key)).as("the first check trimmed: the bucket was set to live two windows")
                .isBetween(100_000L, 120_000L);
    }

    /**
     * The script refreshes a bucket's expiry only when its first two entries change (see rate-limit.lua): the
     * admission that becomes the second entry sets two windows, and a later one behind two entries — even with the
     * first of them gone from the window — leaves that expiry as it was (no PEXPIRE per request), which still keeps
     * the later admission for its whole window. Every expiry here is set by the script, none by the test.
     */
    @Test
    void theExpiryIsRefreshedWhenTheFirstTwoEntriesChangeAndOutlastsTheAdmissionsBehindThem() throws Exception {
        RateLimit limit = new RateLimit(100, Duration.ofMinutes(1));
        String bucket = "test:expiry";
        String key = bucket + ":list";
        long seeded = redis.timeMillis() - 59_500; // leaves the window half a second from now
        endpoint.commands().rpush(key, Long.toString(seeded));

        RateLimiter.Decision second = limiter.check(bucket, limit);
        long first = redis.timeMillis();
        assertThat(second.remaining()).isEqualTo(98);
        long refreshed = endpoint.commands().pttl(key);
        assertThat(refreshed).as("the second entry changed: two windows").isBetween(110_000L, 120_000L);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> redis.timeMillis() > first + 1_000);
        RateLimiter.Decision behind = limiter.check(bucket, limit);
        assertThat(behind.remaining()).as("the seeded entry has left the window: one counted before this one").isEqualTo(98);
        long ttl = endpoint.commands().pttl(key);
        assertThat(ttl).as("one gone is not a trim: not refreshed, a second older").isLessThan(refreshed - 500);
        assertThat(ttl).as("yet the admission just made outlives its window").isGreaterThan(60_000L);
    }

    /**
     * Blue-green: the previous release kept a sorted set under the bucket's own name, this one a list under
     * {@code <bucket>:list}. While both colours share one Redis, each keeps working on its own key — neither meets a
     * key of the other's type (WRONGTYPE would refuse every request of that bucket).
     */
    @Test
    void thePreviousReleasesSortedSetAndThisListLiveSideBySide() {
        RateLimit limit = new RateLimit(3, Duration.ofMinutes(1));
        String bucket = "test:colours";
        var redisCommands = endpoint.commands();
        redisCommands.zadd(bucket, 1.0, "1:previous-release"); // what the former colour's script writes
        RateLimiter.Decision d = limiter.check(bucket, limit);
        assertThat(d.allowed()).isTrue();
        assertThat(d.remaining()).isEqualTo(2);
        assertThat(redisCommands.type(bucket + ":list")).isEqualTo("list");
        // the former colour goes on with its sorted set, untouched by this one
        assertThat(redisCommands.type(bucket)).isEqualTo("zset");
        assertThat(redisCommands.zadd(bucket, 2.0, "2:previous-release")).isEqualTo(1L);
        assertThat(limiter.check(bucket, limit).remaining()).isEqualTo(1);
    }

    @Test
    void whenRedisIsDownEveryWaitingCallerHearsOfItAndNoneHangs() throws Exception {
        try (RedisServer doomed = RedisServer.launch();
             RedisEndpoint doomedEndpoint = RedisEndpoint.connectNow(doomed.url(0), false, Duration.ofSeconds(2), resources)) {
            RedisRateLimiter doomedLimiter = new RedisRateLimiter(doomedEndpoint);
            RateLimit limit = new RateLimit(1000, Duration.ofMinutes(1));
            assertThat(doomedLimiter.check("test:doomed", limit).allowed()).isTrue();
            doomed.stop();
            int threads = 8;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        return doomedLimiter.check("test:doomed", limit);
                    }));
                }
                for (Future<?> call : calls) {
                    assertThatThrownBy(call::get).hasCauseInstanceOf(RedisUnavailableException.class);
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
