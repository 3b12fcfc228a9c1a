package io.consoul.ratelimit;

import io.consoul.config.ConsoulProperties;
import io.consoul.redis.RedisEndpoints;
import io.consoul.web.ClientAddress;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The limiter: shared through Redis when a URL is set, else in this process's memory. */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfig {
    private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);

    @Bean
    RateLimitPolicy rateLimitPolicy(ConsoulProperties p, JsonMapper json) {
        return RateLimitPolicy.parse(defaultLimits(p), p.rateLimitTiers(), p.apiKeyTiers(), json);
    }

    @Bean
    ClientAddress clientAddress(ConsoulProperties p) {
        return new ClientAddress(p.trustedProxies());
    }

    @Bean
    RateLimitGate rateLimitGate(ConsoulProperties p, RedisEndpoints redis, RateLimitPolicy policy,
                                ClientAddress addresses, MeterRegistry registry) {
        checkStrategy(p.rateLimitStrategy());
        if (!p.rateLimitEnabled()) log.warn("CONSOUL_ENABLED=false: rate limiting is OFF");
        RateLimiter memory = new InMemoryRateLimiter(Clock.systemUTC());
        return redis.rateLimits()
                .map(endpoint -> new RateLimitGate(p.rateLimitEnabled(), p.rateLimitKeyPrefix(), new RedisRateLimiter(endpoint),
                        p.redisFallbackEnabled() ? memory : null, p.rateLimitFailOpen(), policy, addresses, registry))
                .orElseGet(() -> {
                    log.info("No rate-limit Redis configured: limits are counted per instance");
                    return new RateLimitGate(p.rateLimitEnabled(), p.rateLimitKeyPrefix(), memory, null, false,
                            policy, addresses, registry);
                });
    }

    /** Ours ({@code CONSOUL_RATE_LIMIT}) when set, else the reference's {@code CONSOUL_DEFAULT_LIMITS}, else 30/minute. */
    static String defaultLimits(ConsoulProperties p) {
        if (p.rateLimit() != null && !p.rateLimit().isBlank()) return p.rateLimit();
        if (p.defaultLimits() != null && !p.defaultLimits().isBlank()) return p.defaultLimits();
        return "30/minute";
    }

    /** The reference's two strategies are accepted; both are served by the exact rolling window (never looser). */
    private static void checkStrategy(String strategy) {
        if (!"moving-window".equals(strategy) && !"fixed-window".equals(strategy)) {
            throw new IllegalArgumentException("CONSOUL_STRATEGY is '" + strategy + "'; allowed: moving-window, fixed-window");
        }
    }
}
