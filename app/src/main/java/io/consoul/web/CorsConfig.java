package io.consoul.web;

import io.consoul.config.ConsoulProperties;
import java.util.Arrays;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** CORS from {@code CONSOUL_CORS_ORIGINS}; browsers may read the rate-limit headers too. */
@Configuration
class CorsConfig implements WebMvcConfigurer {
    private final String[] origins;

    CorsConfig(ConsoulProperties properties) {
        this.origins = Arrays.stream(properties.corsOrigins().split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/**")
                .allowedOriginPatterns(origins)
                .allowedMethods("GET", "POST", "DELETE", "OPTIONS")
                .allowedHeaders("*")
                .exposedHeaders("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
                        "RateLimit-Policy", "RateLimit", "Retry-After");
    }
}
