package io.consoul.session;

import io.consoul.redis.Hashing;
import io.consoul.redis.LuaScript;
import io.consoul.redis.RedisEndpoint;
import io.consoul.redis.RedisUnavailableException;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;

/**
 * Sessions in Redis under {@code <prefix><id>} (the reference server's key and JSON), TTL refreshed on every save.
 *
 * <p>A save is one round trip: a Lua compare-and-set on the SHA-1 of the document the caller read, which on a
 * standalone Redis also records the session in a sorted set scored by expiry — so every instance counts the same
 * active sessions. On a Cluster the two keys live in different slots, so the index costs a second command there.
 */
final class RedisSessionStore implements SessionStore {
    static final String ACTIVE_INDEX = "consoul:active-sessions";
    private static final LuaScript CAS = LuaScript.fromClasspath("/io/consoul/redis/session-cas.lua");

    private final RedisEndpoint redis;
    private final String prefix;
    private final long ttlSeconds;

    RedisSessionStore(RedisEndpoint redis, String prefix, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
    }

    @Override
    public String get(String id) {
        return call(() -> redis.commands().get(prefix + id));
    }

    @Override
    public boolean compareAndSet(String id, String expected, String updated) {
        String expectedSha = expected == null ? "" : Hashing.sha1Hex(expected);
        String[] keys = redis.isCluster() ? new String[] {prefix + id} : new String[] {prefix + id, ACTIVE_INDEX};
        Long stored = CAS.run(redis, ScriptOutputType.INTEGER, keys, expectedSha, updated, Long.toString(ttlSeconds), id);
        if (stored == 1 && redis.isCluster()) {
            call(() -> redis.commands().zadd(ACTIVE_INDEX, System.currentTimeMillis() / 1000.0 + ttlSeconds, id));
        }
        return stored == 1;
    }

    @Override
    public boolean delete(String id) {
        return call(() -> {
            redis.commands().zrem(ACTIVE_INDEX, id);
            return redis.commands().del(prefix + id) > 0;
        });
    }

    @Override
    public long activeSessions() {
        return call(() -> {
            double now = System.currentTimeMillis() / 1000.0;
            redis.commands().zremrangebyscore(ACTIVE_INDEX, Range.create(Double.NEGATIVE_INFINITY, now));
            return redis.commands().zcard(ACTIVE_INDEX);
        });
    }

    private static <T> T call(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new RedisUnavailableException("Session Redis command failed", e);
        }
    }
}
