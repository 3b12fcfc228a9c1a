package io.consoul.ratelimit;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The same sliding log as the Redis script, in this process: right for one instance only. */
final class InMemoryRateLimiter implements RateLimiter {
    private final ConcurrentMap<String, Deque<Long>> buckets = new ConcurrentHashMap<>();
    private final Clock clock;

    InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Decision check(String bucket, RateLimit limit) {
        long window = limit.window().toMillis();
        Deque<Long> log = buckets.computeIfAbsent(bucket, b -> new ArrayDeque<>());
        synchronized (log) {
            long now = clock.millis();
            while (!log.isEmpty() && log.peekFirst() <= now - window) log.pollFirst();
            boolean allowed = log.size() < limit.requests();
            if (allowed) log.addLast(now);
            long reset = log.isEmpty() ? window : log.peekFirst() + window - now;
            return new Decision(allowed, limit.requests() - log.size(), reset);
        }
    }
}
