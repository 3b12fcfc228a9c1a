package io.consoul.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the service, bound once from {@code application.properties}, where each one is mapped
 * from its {@code CONSOUL_*} environment variable with the contract's default.
 *
 * @param apiKeys             comma list or JSON array; empty turns authentication off
 * @param rateLimit           default limit per key (per client address without auth), e.g. {@code 30/minute}
 * @param rateLimitTiers      JSON object tier name to limit, e.g. {@code {"premium":"100/minute"}}
 * @param apiKeyTiers         JSON object key glob to tier, first match wins
 * @param rateLimitFailOpen   let requests through while the limiter's Redis is down (counted in a metric)
 * @param trustedProxies      peers whose {@code X-Forwarded-For} is believed: addresses or CIDR blocks
 * @param redisUrl            {@code REDIS_URL}: serves both stores when the specific URLs are unset
 * @param sessionRedisUrl     session store; empty keeps sessions in process memory
 * @param rateLimitRedisUrl   limiter store; empty keeps counters in process memory
 * @param redisCluster        treat the URLs as Redis Cluster seed nodes
 * @param redisFallbackEnabled degrade to memory while Redis is unreachable, and say so in {@code /ready}
 * @param redisReconnectInterval how often to retry a Redis that was unreachable at start-up
 * @param redisTimeout        timeout of one Redis command
 * @param redisCaCert         extra CA to trust for {@code rediss://} (PEM text or a file path), e.g. Memorystore's server CA
 * @param sessionKeyPrefix    Redis key prefix of sessions, wire-compatible with the reference server
 * @param sessionTtl          session time to live, refreshed on every save
 * @param maxBodySize         largest accepted request body, in bytes
 * @param corsOrigins         comma list of allowed origins, {@code *} for any
 * @param modelName           default model; empty picks the first configured provider, else {@code echo}
 * @param modelTimeout        timeout of one model call
 * @param echoTokenDelay      pause between the echo model's streamed tokens (load and shutdown tests)
 * @param shutdownDelay       how long {@code /ready} answers 503 before the server stops accepting connections
 * @param gracefulTimeout     how long in-flight requests and streams may take to finish on shutdown
 * @param version             the version {@code /health} reports; empty uses the build's version
 */
@ConfigurationProperties("consoul")
public record ConsoulProperties(
        String apiKeys,
        String rateLimit,
        String rateLimitTiers,
        String apiKeyTiers,
        boolean rateLimitFailOpen,
        String trustedProxies,
        String redisUrl,
        String sessionRedisUrl,
        String rateLimitRedisUrl,
        boolean redisCluster,
        boolean redisFallbackEnabled,
        Duration redisReconnectInterval,
        Duration redisTimeout,
        String redisCaCert,
        String sessionKeyPrefix,
        Duration sessionTtl,
        long maxBodySize,
        String corsOrigins,
        String modelName,
        Duration modelTimeout,
        Duration echoTokenDelay,
        Duration shutdownDelay,
        Duration gracefulTimeout,
        String version) {

    /** The session store's Redis URL, falling back to {@code REDIS_URL}; blank means in memory. */
    public String effectiveSessionRedisUrl() {
        return firstNonBlank(sessionRedisUrl, redisUrl);
    }

    /** The limiter's Redis URL, falling back to {@code REDIS_URL}; blank means in memory. */
    public String effectiveRateLimitRedisUrl() {
        return firstNonBlank(rateLimitRedisUrl, redisUrl);
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) return first.trim();
        return second == null || second.isBlank() ? "" : second.trim();
    }
}
