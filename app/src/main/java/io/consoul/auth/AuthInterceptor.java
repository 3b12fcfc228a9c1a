package io.consoul.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Identifies the caller of every route but {@code Routes.PUBLIC}: the key header ({@code X-API-Key}), else the key query parameter
 * ({@code api_key}), both renamable as in the reference. Paths in {@code CONSOUL_BYPASS_PATHS} need no key.
 */
public final class AuthInterceptor implements HandlerInterceptor {
    private final ApiKeys keys;
    private final String anonymousTier;
    private final KeyLocation location;
    private final Set<String> bypassPaths;
    private final ApiKeyMetrics metrics;

    /** Where a key is looked for: the header first, then the query parameter (as the reference does). */
    public record KeyLocation(String header, String query) {
        public String of(HttpServletRequest request) {
            String presented = request.getHeader(header);
            return presented != null ? presented : request.getParameter(query);
        }

        public String of(Map<String, String> headers, Map<String, String> query) {
            String presented = headers.get(header.toLowerCase(java.util.Locale.ROOT));
            return presented != null ? presented : query.get(this.query);
        }
    }

    AuthInterceptor(ApiKeys keys, String anonymousTier, KeyLocation location, Set<String> bypassPaths, ApiKeyMetrics metrics) {
        this.keys = keys;
        this.anonymousTier = anonymousTier;
        this.location = location;
        this.bypassPaths = bypassPaths;
        this.metrics = metrics;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!keys.enabled() || bypassPaths.contains(request.getRequestURI())) {
            Caller.anonymous(anonymousTier).attachTo(request);
            return true;
        }
        authenticate(location.of(request)).attachTo(request);
        return true;
    }

    /** The caller a presented key stands for (anonymous when auth is off); 401 E011 for a missing or wrong key. */
    public Caller authenticate(String presented) {
        if (!keys.enabled()) return Caller.anonymous(anonymousTier);
        Optional<Caller> caller = keys.authenticate(presented);
        if (caller.isEmpty()) {
            throw new InvalidApiKeyException(location.header(), location.query());
        }
        metrics.used(caller.get());
        return caller.get();
    }

    public KeyLocation location() {
        return location;
    }
}
