package io.consoul.session;

import io.consoul.redis.RedisEndpoint;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference's session garbage collection ({@code CONSOUL_SESSION_GC_INTERVAL}, {@code _BATCH_SIZE}): sessions
 * this server writes always carry a TTL, but a Redis shared with older writers may hold session keys without one.
 * Such a key is deleted once its {@code created_at} is a TTL old (a missing one counts as the epoch), or when it is
 * not a readable session; keys with a TTL are left to Redis. {@code SCAN}, never {@code KEYS}.
 */
final class SessionGc {
    private static final Logger log = LoggerFactory.getLogger(SessionGc.class);

    private final RedisEndpoint redis;
    private final String prefix;
    private final Duration ttl;
    private final int batchSize;
    private final JsonMapper json;
    private final Clock clock;

    SessionGc(RedisEndpoint redis, String prefix, Duration ttl, int batchSize, JsonMapper json, Clock clock) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
        this.batchSize = batchSize;
        this.json = json;
        this.clock = clock;
    }

    /** One pass over every session key; returns how many were deleted. Redis failures end the pass, logged. */
    int collect() {
        int deleted = 0;
        try {
            ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(batchSize);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.commands().scan(cursor, match);
                for (String key : page.getKeys()) {
                    if (redis.commands().ttl(key) == -1 && expiredOrUnreadable(redis.commands().get(key))) {
                        deleted += redis.commands().del(key).intValue();
                    }
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (RedisException | IllegalStateException e) {
            log.warn("Session GC stopped: Redis unavailable");
        }
        if (deleted > 0) log.info("Session GC: cleaned {} orphaned sessions", deleted);
        return deleted;
    }

    private boolean expiredOrUnreadable(String document) {
        if (document == null) return false;
        JsonNode session;
        try {
            session = json.readTree(document);
        } catch (JacksonException e) {
            return true;
        }
        if (!session.isObject()) return true;
        JsonNode created = session.get("created_at");
        Double seconds = created == null || created.isNull() ? Double.valueOf(0)
                : created.isNumber() ? Double.valueOf(created.asDouble()) : SessionTime.parse(created.asString());
        if (seconds == null) return true;
        return clock.millis() / 1000.0 - seconds >= ttl.toSeconds();
    }
}
