package io.consoul.auth;

import io.consoul.config.ConsoulProperties;
import io.consoul.config.SettingList;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
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

    @Bean
    AuthInterceptor authInterceptor(ApiKeys keys, ConsoulProperties p, MeterRegistry registry) {
        return new AuthInterceptor(keys, RateLimitPolicy.DEFAULT_TIER,
                new AuthInterceptor.KeyLocation(p.apiKeyHeader(), p.apiKeyQuery()),
                Set.copyOf(SettingList.parse("CONSOUL_BYPASS_PATHS", p.bypassPaths())), new ApiKeyMetrics(registry));
    }

    /** Identifies the caller before every route but the public ones runs; the route's rate limit follows. */
    @Bean
    WebMvcConfigurer authInterceptorRegistration(AuthInterceptor interceptor) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).addPathPatterns("/**").excludePathPatterns(Routes.PUBLIC).order(0);
            }
        };
    }
}
