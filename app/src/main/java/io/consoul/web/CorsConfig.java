package io.consoul.web;

import io.consoul.config.ConsoulProperties;
import io.consoul.config.SettingList;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * CORS as the reference configures it (Starlette's {@code CORSMiddleware}), from its settings:
 * {@code CONSOUL_CORS_ORIGINS} (or {@code CONSOUL_CORS_ALLOWED_ORIGINS}), {@code _ALLOW_METHODS}, {@code _ALLOW_HEADERS},
 * {@code _ALLOW_CREDENTIALS}, {@code _MAX_AGE}. Origins are matched exactly ({@code *} for any), never as patterns.
 *
 * <p>Spring's {@link CorsFilter} runs before authentication and the rate limiter, so a browser's preflight is
 * answered without a key and without using a slot. A preflight that is not allowed gets 400 with the contract's
 * error body and no allowance; an actual request from an origin that is not allowed is served without CORS headers
 * (the browser withholds it), as the reference does.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {
    private static final Logger log = LoggerFactory.getLogger(CorsConfig.class);
    static final List<String> EXPOSED = List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
            "RateLimit-Policy", "RateLimit", "Retry-After");

    static CorsConfiguration configuration(ConsoulProperties p) {
        List<String> origins = SettingList.parse("CONSOUL_CORS_ORIGINS", p.corsOrigins());
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowCredentials(p.corsAllowCredentials());
        if (origins.contains("*") && p.corsAllowCredentials()) {
            log.error("CORS: origin '*' with CONSOUL_CORS_ALLOW_CREDENTIALS=true lets every site send credentialed "
                    + "requests; list the origins instead");
            cors.setAllowedOriginPatterns(List.of("*")); // echoes the origin, as Starlette does in this case
        } else {
            cors.setAllowedOrigins(origins);
        }
        cors.setAllowedMethods(SettingList.parse("CONSOUL_CORS_ALLOW_METHODS", p.corsAllowMethods()));
        cors.setAllowedHeaders(SettingList.parse("CONSOUL_CORS_ALLOW_HEADERS", p.corsAllowHeaders()));
        cors.setMaxAge(p.corsMaxAge());
        cors.setExposedHeaders(EXPOSED);
        return cors;
    }

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(ConsoulProperties p, JsonMapper json) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration(p));
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ReferenceCorsProcessor(json));
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5); // after the request metrics, before everything else
        return registration;
    }

    /** Spring's processor with Starlette's answers for what it does not allow. */
    static final class ReferenceCorsProcessor extends DefaultCorsProcessor {
        private final JsonMapper json;

        ReferenceCorsProcessor(JsonMapper json) {
            this.json = json;
        }

        @Override
        public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            if (config != null && CorsUtils.isCorsRequest(request) && !CorsUtils.isPreFlightRequest(request)
                    && (config.checkOrigin(request.getHeader(HttpHeaders.ORIGIN)) == null
                        || config.checkHttpMethod(org.springframework.http.HttpMethod.valueOf(request.getMethod())) == null)) {
                response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
                return true; // served, with no allowance
            }
            return super.processRequest(config, request, response);
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            response.setStatusCode(HttpStatus.BAD_REQUEST);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            ApiException e = new ApiException(ErrorCode.CORS_REJECTED, "Disallowed CORS origin, method or headers",
                    null, Map.of());
            response.getBody().write(json.writeValueAsBytes(e.body()));
            response.flush();
        }
    }
}
