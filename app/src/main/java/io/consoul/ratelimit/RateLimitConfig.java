package io.consoul.ratelimit;

import io.consoul.config.ConsoulProperties;
import io.consoul.redis.RedisEndpoints;
import io.consoul.web.ClientAddress;
import io.consoul.web.Routes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** The limiter: shared through Redis when a URL is set, else in this process's memory. */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfig {
    private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);

    @Bean
    RateLimitPolicy rateLimitPolicy(ConsoulProperties p, JsonMapper json) {
        return RateLimitPolicy.parse(p.rateLimit(), p.rateLimitTiers(), p.apiKeyTiers(), json);
    }

    @Bean
    ClientAddress clientAddress(ConsoulProperties p) {
        return new ClientAddress(p.trustedProxies());
    }

    @Bean
    RateLimitInterceptor rateLimitInterceptor(ConsoulProperties p, RedisEndpoints redis, RateLimitPolicy policy,
                                              ClientAddress addresses, MeterRegistry registry) {
        RateLimiter memory = new InMemoryRateLimiter(Clock.systemUTC());
        return redis.rateLimits()
                .map(endpoint -> new RateLimitInterceptor(new RedisRateLimiter(endpoint),
                        p.redisFallbackEnabled() ? memory : null, p.rateLimitFailOpen(), policy, addresses, registry))
                .orElseGet(() -> {
                    log.info("No rate-limit Redis configured: limits are counted per instance");
                    return new RateLimitInterceptor(memory, null, false, policy, addresses, registry);
                });
    }

    @Bean
    WebMvcConfigurer rateLimitInterceptorRegistration(RateLimitInterceptor interceptor) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).addPathPatterns(Routes.PROTECTED).order(1);
            }
        };
    }
}
