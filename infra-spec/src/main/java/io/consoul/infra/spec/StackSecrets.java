package io.consoul.infra.spec;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which secrets a stack needs — the one rule {@link SpecValidator} refuses a stack by and {@code consoul preview}
 * supplies stand-ins for: every required {@link AppSecret} ({@code apiKeys}); with {@code consoul:redis = external}
 * the {@code redisUrl}; with a managed Redis the {@code redisPassword}, unless the cloud's Redis makes its own auth
 * ({@link Cloud#generatesRedisAuth()}). An unknown cloud needs the password (nothing says it makes one).
 */
public final class StackSecrets {
    public static final String REDIS_URL = "redisUrl";
    public static final String REDIS_PASSWORD = "redisPassword";

    private StackSecrets() {
    }

    /** The unqualified config keys ({@code apiKeys}, {@code redisUrl}, …) the stack must set as secrets. */
    public static Set<String> required(Optional<Cloud> cloud, RedisMode redis) {
        Set<String> keys = new LinkedHashSet<>();
        for (AppSecret secret : AppSecret.values()) {
            if (secret.required()) {
                keys.add(secret.configKey());
            }
        }
        if (redis == RedisMode.EXTERNAL) {
            keys.add(REDIS_URL);
        } else if (cloud.map(c -> !c.generatesRedisAuth()).orElse(true)) {
            keys.add(REDIS_PASSWORD);
        }
        return keys;
    }
}
