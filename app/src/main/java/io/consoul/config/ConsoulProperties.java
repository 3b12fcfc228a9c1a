package io.consoul.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Every setting of the service, bound once from {@code application.properties}, where each one is mapped
 * from its {@code CONSOUL_*} environment variable (the reference server's names, and our own) with the contract's
 * default. Durations are seconds when bare ({@code CONSOUL_SESSION_TTL=7200}), as the reference reads them, and
 * may carry a unit ({@code 500ms}, {@code 2h}). Lists are comma lists or JSON arrays ({@link SettingList}).
 *
 * @param appName             {@code CONSOUL_APP_NAME}: the service name {@code /health} reports
 * @param apiKeys             comma list or JSON array; empty turns authentication off
 * @param apiKeyHeader        header carrying the key ({@code CONSOUL_API_KEY_HEADER}, the reference's {@code CONSOUL_HEADER_NAME})
 * @param apiKeyQuery         query parameter carrying the key ({@code CONSOUL_API_KEY_QUERY} / {@code CONSOUL_QUERY_NAME})
 * @param bypassPaths         {@code CONSOUL_BYPASS_PATHS}: exact paths that need no key even when keys are on
 * @param rateLimitEnabled    {@code CONSOUL_ENABLED}: the reference's global on/off of rate limiting
 * @param rateLimit           our default limit per key (per client address without auth), e.g. {@code 30/minute};
 *                            blank uses {@code defaultLimits}, else 30/minute
 * @param defaultLimits       {@code CONSOUL_DEFAULT_LIMITS}: the reference's limits, several at once ({@code 10/minute;100/hour})
 * @param rateLimitStrategy   {@code CONSOUL_STRATEGY}: accepted for compatibility; limits are always exact over a rolling window
 * @param rateLimitKeyPrefix  {@code CONSOUL_KEY_PREFIX}: prefix of the limiter's Redis keys
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
 * @param sessionGcInterval   {@code CONSOUL_SESSION_GC_INTERVAL}: how often session keys without a TTL are cleaned; 0 turns it off
 * @param sessionGcBatchSize  {@code CONSOUL_SESSION_GC_BATCH_SIZE}: keys per {@code SCAN} page, 1 to 10000
 * @param validationEnabled   {@code CONSOUL_VALIDATION_ENABLED}: enforce {@code maxBodySize}
 * @param maxBodySize         largest accepted request body, in bytes
 * @param corsOrigins         {@code CONSOUL_CORS_ORIGINS} or {@code CONSOUL_CORS_ALLOWED_ORIGINS}: allowed origins, {@code *} for any
 * @param corsAllowMethods    {@code CONSOUL_CORS_ALLOW_METHODS}, {@code *} for any
 * @param corsAllowHeaders    {@code CONSOUL_CORS_ALLOW_HEADERS}, {@code *} for any
 * @param corsAllowCredentials {@code CONSOUL_CORS_ALLOW_CREDENTIALS}
 * @param corsMaxAge          {@code CONSOUL_CORS_MAX_AGE}: how long browsers may cache a preflight answer
 * @param circuitBreakerEnabled     {@code CONSOUL_CIRCUIT_BREAKER_ENABLED}
 * @param circuitBreakerFailureThreshold consecutive failures that open a provider's breaker
 * @param circuitBreakerSuccessThreshold trial calls that must succeed to close it again
 * @param circuitBreakerTimeout       how long it stays open before trial calls
 * @param circuitBreakerHalfOpenMaxCalls trial calls let through while half-open
 * @param modelName           default model; empty picks the first configured provider, else {@code echo}
 * @param modelTimeout        timeout of one model call
 * @param echoTokenDelay      pause between the echo model's streamed tokens (load and shutdown tests)
 * @param shutdownDelay       how long {@code /ready} answers 503 before the server stops accepting connections
 * @param gracefulTimeout     how long in-flight requests and streams may take to finish on shutdown
 * @param version             the version {@code /health} reports; empty uses the build's version
 */
@ConfigurationProperties("consoul")
public record ConsoulProperties(
        String appName,
        String apiKeys,
        String apiKeyHeader,
        String apiKeyQuery,
        String bypassPaths,
        boolean rateLimitEnabled,
        String rateLimit,
        String defaultLimits,
        String rateLimitStrategy,
        String rateLimitKeyPrefix,
        String rateLimitTiers,
        String apiKeyTiers,
        boolean rateLimitFailOpen,
        String trustedProxies,
        String redisUrl,
        String sessionRedisUrl,
        String rateLimitRedisUrl,
        boolean redisCluster,
        boolean redisFallbackEnabled,
        @DurationUnit(ChronoUnit.SECONDS) Duration redisReconnectInterval,
        @DurationUnit(ChronoUnit.SECONDS) Duration redisTimeout,
        String redisCaCert,
        String sessionKeyPrefix,
        @DurationUnit(ChronoUnit.SECONDS) Duration sessionTtl,
        @DurationUnit(ChronoUnit.SECONDS) Duration sessionGcInterval,
        int sessionGcBatchSize,
        boolean validationEnabled,
        long maxBodySize,
        String corsOrigins,
        String corsAllowMethods,
        String corsAllowHeaders,
        boolean corsAllowCredentials,
        @DurationUnit(ChronoUnit.SECONDS) Duration corsMaxAge,
        @DefaultValue("true") boolean circuitBreakerEnabled,
        @DefaultValue("5") int circuitBreakerFailureThreshold,
        @DefaultValue("3") int circuitBreakerSuccessThreshold,
        @DefaultValue("60") @DurationUnit(ChronoUnit.SECONDS) Duration circuitBreakerTimeout,
        @DefaultValue("3") int circuitBreakerHalfOpenMaxCalls,
        String modelName,
        @DurationUnit(ChronoUnit.SECONDS) Duration modelTimeout,
        @DurationUnit(ChronoUnit.SECONDS) Duration echoTokenDelay,
        @DurationUnit(ChronoUnit.SECONDS) Duration shutdownDelay,
        @DurationUnit(ChronoUnit.SECONDS) Duration gracefulTimeout,
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
