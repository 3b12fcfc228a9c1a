package io.consoul.auth;

import io.consoul.config.ConsoulProperties;
import io.consoul.ratelimit.RateLimitPolicy;
import io.consoul.web.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AuthConfig {
    private static final Logger log = LoggerFactory.getLogger(AuthConfig.class);

    @Bean
    ApiKeys apiKeys(ConsoulProperties p, RateLimitPolicy policy, JsonMapper json) {
        ApiKeys keys = ApiKeys.parse(p.apiKeys(), policy, json);
        if (!keys.enabled()) log.warn("CONSOUL_API_KEYS is not set: authentication is OFF, anyone can call the API");
        return keys;
    }

    /** Runs before the rate limiter (order 0), which needs to know the caller. */
    @Bean
    WebMvcConfigurer authInterceptorRegistration(ApiKeys keys) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AuthInterceptor(keys, RateLimitPolicy.DEFAULT_TIER))
                        .addPathPatterns(Routes.PROTECTED).order(0);
            }
        };
    }
}
