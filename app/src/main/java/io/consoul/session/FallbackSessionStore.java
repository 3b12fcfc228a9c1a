package io.consoul.session;

import io.consoul.redis.RedisUnavailableException;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code CONSOUL_REDIS_FALLBACK_ENABLED=true}: while Redis fails, sessions live in this process's memory
 * ({@code /ready} says "degraded" while Redis is down); once Redis answers again, new writes go back to it.
 */
final class FallbackSessionStore implements SessionStore {
    private final SessionStore primary;
    private final SessionStore memory;
    private final AtomicInteger degraded;
    private final Counter recovered;

    /**
     * @param degraded  {@code consoul_redis_degraded}: 1 while sessions fall back to memory
     * @param recovered {@code consoul_redis_recovered_total}: counted each time Redis answers again
     */
    FallbackSessionStore(SessionStore primary, SessionStore memory, AtomicInteger degraded, Counter recovered) {
        this.primary = primary;
        this.memory = memory;
        this.degraded = degraded;
        this.recovered = recovered;
    }

    @Override
    public String get(String id) {
        return either(s -> s.get(id));
    }

    @Override
    public Supplier<String> fetch(String id) {
        Supplier<String> reading = primary.fetch(id);
        return () -> either(s -> s == primary ? reading.get() : s.get(id));
    }

    @Override
    public boolean compareAndSet(String id, String expected, String updated) {
        return either(s -> s.compareAndSet(id, expected, updated));
    }

    @Override
    public boolean delete(String id) {
        return either(s -> s.delete(id));
    }

    @Override
    public long activeSessions() {
        return either(SessionStore::activeSessions);
    }

    private <T> T either(Function<SessionStore, T> operation) {
        try {
            T result = operation.apply(primary);
            if (degraded.compareAndSet(1, 0)) recovered.increment();
            return result;
        } catch (RedisUnavailableException e) {
            degraded.set(1);
            return operation.apply(memory);
        }
    }
}
