package io.consoul.auth;

import io.consoul.web.ApiException;
import io.consoul.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/** Identifies the caller of every protected route: {@code X-API-Key}, else the {@code api_key} query parameter. */
public final class AuthInterceptor implements HandlerInterceptor {
    private final ApiKeys keys;
    private final String anonymousTier;

    public AuthInterceptor(ApiKeys keys, String anonymousTier) {
        this.keys = keys;
        this.anonymousTier = anonymousTier;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!keys.enabled()) {
            Caller.anonymous(anonymousTier).attachTo(request);
            return true;
        }
        String presented = request.getHeader("X-API-Key");
        if (presented == null) presented = request.getParameter("api_key");
        Caller caller = keys.authenticate(presented)
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_API_KEY, "Invalid or missing API key"));
        caller.attachTo(request);
        return true;
    }
}
