package io.consoul.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The only routes that need no API key and count against no limit: the probes, the API document and the error
 * page. Every other route — including any added later — is authenticated ({@code AuthInterceptor}) and
 * rate-limited ({@link RateLimitedRoutes}) by default. Metrics are on the management port, outside this list.
 */
public final class Routes {
    public static final String[] PUBLIC = {"/health", "/ready", "/openapi.json", "/openapi.json/**", "/error"};
    private static final List<PathPattern> PATTERNS = java.util.Arrays.stream(PUBLIC)
            .map(PathPatternParser.defaultInstance::parse).toList();

    private Routes() {}

    /** Whether {@code path} (without the context path) is one of {@link #PUBLIC}. */
    public static boolean isPublic(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return PATTERNS.stream().anyMatch(p -> p.matches(container));
    }

    static boolean isPublic(HttpServletRequest request) {
        return isPublic(request.getRequestURI().substring(request.getContextPath().length()));
    }
}
