package io.consoul.redis;

import io.consoul.config.ConsoulProperties;
import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.ClientResources;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Redis the session store and the rate limiter use; either may be absent (in-memory store).
 * Closing it closes the connections: Spring does so after the web server has drained.
 */
public final class RedisEndpoints implements AutoCloseable {
    private final RedisEndpoint sessions;
    private final RedisEndpoint rateLimits;

    private RedisEndpoints(RedisEndpoint sessions, RedisEndpoint rateLimits) {
        this.sessions = sessions;
        this.rateLimits = rateLimits;
    }

    static RedisEndpoints create(ConsoulProperties p, ClientResources resources) {
        String sessionUrl = p.effectiveSessionRedisUrl();
        String limitUrl = p.effectiveRateLimitRedisUrl();
        SslOptions ssl = TrustedCa.sslOptions(p.redisCaCert());
        RedisEndpoint sessions = sessionUrl.isEmpty() ? null
                : new RedisEndpoint("Session", sessionUrl, p.redisCluster(), p.redisTimeout(), ssl, resources);
        RedisEndpoint limits = limitUrl.isEmpty() ? null
                : limitUrl.equals(sessionUrl) ? sessions
                : new RedisEndpoint("Rate-limit", limitUrl, p.redisCluster(), p.redisTimeout(), ssl, resources);
        return new RedisEndpoints(sessions, limits);
    }

    public Optional<RedisEndpoint> sessions() {
        return Optional.ofNullable(sessions);
    }

    public Optional<RedisEndpoint> rateLimits() {
        return Optional.ofNullable(rateLimits);
    }

    public boolean configured() {
        return sessions != null || rateLimits != null;
    }

    List<RedisEndpoint> all() {
        return Stream.of(sessions, rateLimits).filter(e -> e != null).distinct().toList();
    }

    @Override
    public void close() {
        all().forEach(RedisEndpoint::close);
    }
}
