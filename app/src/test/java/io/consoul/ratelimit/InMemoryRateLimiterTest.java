package io.consoul.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {
    final AtomicLong millis = new AtomicLong(1_000_000);
    final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }
    };
    final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
    final RateLimit threePerSecond = new RateLimit(3, Duration.ofSeconds(1));

    @Test
    void theWindowRollsRequestByRequest() {
        assertThat(limiter.check("a", threePerSecond).allowed()).isTrue();
        millis.addAndGet(600);
        assertThat(limiter.check("a", threePerSecond).allowed()).isTrue();
        assertThat(limiter.check("a", threePerSecond).allowed()).isTrue();
        RateLimiter.Decision refused = limiter.check("a", threePerSecond);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.resetMillis()).isEqualTo(400);
        millis.addAndGet(400);
        assertThat(limiter.check("a", threePerSecond).allowed()).as("the first request left the window").isTrue();
        assertThat(limiter.check("a", threePerSecond).allowed()).as("the two at +600 ms still count").isFalse();
    }

    @Test
    void bucketsWhoseWindowHasPassedAreDropped() {
        for (int i = 0; i < 1000; i++) limiter.check("client-" + i, threePerSecond);
        assertThat(limiter.buckets()).isEqualTo(1000);
        millis.addAndGet(1001);
        for (int i = 0; i < InMemoryRateLimiter.SWEEP_EVERY; i++) limiter.check("steady", threePerSecond);
        assertThat(limiter.buckets()).as("only the client still inside its window").isEqualTo(1);
    }
}
