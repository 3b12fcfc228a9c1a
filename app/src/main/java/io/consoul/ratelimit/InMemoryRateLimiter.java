package io.consoul.ratelimit;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same sliding log as the Redis script, in this process: right for one instance only. Like the script's
 * PEXPIRE, a bucket whose window has passed is dropped (swept now and then), so many one-off clients do not
 * accumulate for the life of the process.
 */
final class InMemoryRateLimiter implements RateLimiter {
    static final int SWEEP_EVERY = 4096;

    private static final class Bucket {
        final Deque<Long> times = new ArrayDeque<>();
        long expiresAt;
    }

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong checks = new AtomicLong();
    private final Clock clock;

    InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Decision check(String bucket, RateLimit limit) {
        if (checks.incrementAndGet() % SWEEP_EVERY == 0) sweep();
        long window = limit.window().toMillis();
        Decision[] decision = new Decision[1];
        // compute() makes each check atomic per bucket, also against the sweep removing it
        buckets.compute(bucket, (key, b) -> {
            Bucket log = b != null ? b : new Bucket();
            long now = clock.millis();
            while (!log.times.isEmpty() && log.times.peekFirst() <= now - window) log.times.pollFirst();
            boolean allowed = log.times.size() < limit.requests();
            if (allowed) log.times.addLast(now);
            long reset = log.times.isEmpty() ? window : log.times.peekFirst() + window - now;
            log.expiresAt = log.times.isEmpty() ? now : log.times.peekLast() + window;
            decision[0] = new Decision(allowed, limit.requests() - log.times.size(), reset);
            return log;
        });
        return decision[0];
    }

    int buckets() {
        return buckets.size();
    }

    private void sweep() {
        long now = clock.millis();
        buckets.keySet().forEach(key -> buckets.computeIfPresent(key, (k, b) -> b.expiresAt <= now ? null : b));
    }
}
