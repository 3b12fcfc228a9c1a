package io.consoul.bench;

import io.consoul.ratelimit.RateLimit;
import io.consoul.ratelimit.RedisRateLimiter;
import io.consoul.redis.RedisEndpoint;
import io.consoul.support.RedisServer;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * The rate limiter alone: our one-EVALSHA sliding log against Bucket4j's Lettuce (compare-and-swap) integration,
 * same Redis, same threads, same number of buckets, limits too high to reject. Checks per second and their ratio.
 */
final class LimiterBenchmark {
    private LimiterBenchmark() {}

    static void run(RedisServer redis, int threads, int seconds) throws Exception {
        int buckets = 1000;
        ClientResources resources = ClientResources.create();
        RedisEndpoint endpoint = RedisEndpoint.connectNow(redis.url(2), false, Duration.ofSeconds(2), resources);
        RedisRateLimiter ours = new RedisRateLimiter(endpoint);
        RateLimit limit = new RateLimit(1_000_000_000, Duration.ofMinutes(1));

        RedisClient client = RedisClient.create(resources, redis.url(3));
        ProxyManager<byte[]> bucket4j = Bucket4jLettuce.casBasedBuilder(client).build();
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(1_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofMinutes(1))).build();

        System.out.printf("%nLimiter alone: %d threads, %d buckets, %d s each%n", threads, buckets, seconds);
        IntPredicate oursCheck = i -> ours.check("bench:ours:" + (i % buckets), limit).allowed();
        IntPredicate theirsCheck = i -> bucket4j.builder()
                .build(("bench:b4j:" + (i % buckets)).getBytes(StandardCharsets.UTF_8), () -> config).tryConsume(1);
        measure(oursCheck, threads, 3);
        measure(theirsCheck, threads, 3);
        long calls0 = redis.commandsSoFar();
        double oursRate = measure(oursCheck, threads, seconds);
        long calls1 = redis.commandsSoFar();
        double theirsRate = measure(theirsCheck, threads, seconds);
        long calls2 = redis.commandsSoFar();
        System.out.printf("Consoul sliding log (1 EVALSHA): %.0f checks/s, %.1f Redis commands per check incl. inside Lua%n",
                oursRate, (calls1 - calls0) / (oursRate * seconds));
        System.out.printf("Bucket4j Lettuce CAS:            %.0f checks/s, %.1f Redis commands per check incl. inside Lua%n",
                theirsRate, (calls2 - calls1) / (theirsRate * seconds));
        System.out.printf("ratio ours / Bucket4j: %.2f%n", oursRate / theirsRate);
        client.shutdown();
        endpoint.close();
        resources.shutdown();
    }

    private static double measure(IntPredicate check, int threads, int seconds) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder done = new LongAdder();
        List<Thread> workers = new ArrayList<>();
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
        return done.sum() / (double) seconds;
    }
}
