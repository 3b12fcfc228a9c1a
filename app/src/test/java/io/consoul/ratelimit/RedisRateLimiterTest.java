package io.consoul.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.redis.RedisEndpoint;
import io.consoul.support.RedisServer;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared limiter against a real Redis: a rolling window, one command per check, and a Redis restart survived. */
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
        assertThat(limiter.check(bucket, limit).allowed()).isTrue();
        Thread.sleep(600);
        assertThat(limiter.check(bucket, limit).allowed()).isTrue();
        assertThat(limiter.check(bucket, limit).allowed()).isTrue();
        RateLimiter.Decision refused = limiter.check(bucket, limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.resetMillis()).as("until the first request leaves the window").isBetween(900L, 1500L);

        Thread.sleep(refused.resetMillis() + 150);
        assertThat(limiter.check(bucket, limit).allowed()).as("one slot freed").isTrue();
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
}
