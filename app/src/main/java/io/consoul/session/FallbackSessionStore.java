package io.consoul.session;

import io.consoul.redis.RedisUnavailableException;
import java.util.function.Function;

/**
 * {@code CONSOUL_REDIS_FALLBACK_ENABLED=true}: while Redis fails, sessions live in this process's memory
 * ({@code /ready} says "degraded" while Redis is down); once Redis answers again, new writes go back to it.
 */
final class FallbackSessionStore implements SessionStore {
    private final SessionStore primary;
    private final SessionStore memory;

    FallbackSessionStore(SessionStore primary, SessionStore memory) {
        this.primary = primary;
        this.memory = memory;
    }

    @Override
    public String get(String id) {
        return either(s -> s.get(id));
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
            return operation.apply(primary);
        } catch (RedisUnavailableException e) {
            return operation.apply(memory);
        }
    }
}
