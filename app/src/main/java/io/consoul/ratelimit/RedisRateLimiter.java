package io.consoul.ratelimit;

import io.consoul.redis.LuaScript;
import io.consoul.redis.RedisEndpoint;
import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The shared limiter: one EVALSHA per check, so every instance counts against the same window. */
public final class RedisRateLimiter implements RateLimiter {
    private static final LuaScript SCRIPT = LuaScript.fromClasspath("/io/consoul/redis/rate-limit.lua");

    private final RedisEndpoint redis;

    public RedisRateLimiter(RedisEndpoint redis) {
        this.redis = redis;
    }

    @Override
    public Decision check(String bucket, RateLimit limit) {
        String unique = Long.toHexString(ThreadLocalRandom.current().nextLong());
        List<Long> r = SCRIPT.run(redis, ScriptOutputType.MULTI, new String[] {bucket},
                Integer.toString(limit.requests()), Long.toString(limit.window().toMillis()), unique);
        return new Decision(r.get(0) == 1, r.get(1).intValue(), r.get(2));
    }
}
