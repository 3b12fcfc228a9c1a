package io.consoul.session;

import io.consoul.redis.Hashing;
import io.consoul.redis.LuaScript;
import io.consoul.redis.RedisEndpoint;
import io.consoul.redis.RedisUnavailableException;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

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
    public Supplier<String> fetch(String id) {
        CompletableFuture<String> reading;
        try {
            reading = redis.async().get(prefix + id).toCompletableFuture();
        } catch (RuntimeException e) { // not connected: reported when the answer is asked for, as get() would
            return () -> call(() -> { throw e; });
        }
        return () -> call(() -> {
            try {
                return reading.join(); // the connection's timeout expires the command: this wait ends
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        });
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

    private static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new RedisUnavailableException("Session Redis command failed", e);
        }
    }
}
