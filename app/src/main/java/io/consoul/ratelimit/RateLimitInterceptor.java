package io.consoul.ratelimit;

import io.consoul.auth.Caller;
import io.consoul.redis.RedisUnavailableException;
import io.consoul.web.ApiException;
import io.consoul.web.ClientAddress;
import io.consoul.web.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies the caller's limit to each rate-limited route (one bucket per route and caller, as the reference
 * server does) and writes the rate-limit headers on every limited response.
 *
 * <p>When the shared store is down: memory if fallback is on, else pass (fail-open, counted) or refuse with
 * 503 E111 (fail-closed, the default).
 */
final class RateLimitInterceptor implements HandlerInterceptor {
    private static final int STORE_RETRY_AFTER_SECONDS = 30;

    private final RateLimiter limiter;
    private final RateLimiter fallback;
    private final boolean failOpen;
    private final RateLimitPolicy policy;
    private final ClientAddress addresses;
    private final MeterRegistry registry;
    private final Counter failedOpen;

    RateLimitInterceptor(RateLimiter limiter, RateLimiter fallback, boolean failOpen, RateLimitPolicy policy,
                         ClientAddress addresses, MeterRegistry registry) {
        this.limiter = limiter;
        this.fallback = fallback;
        this.failOpen = failOpen;
        this.policy = policy;
        this.addresses = addresses;
        this.registry = registry;
        this.failedOpen = Counter.builder("consoul.rate.limit.fail.open")
                .description("Requests let through unchecked because the limiter's Redis was down").register(registry);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Caller caller = Caller.of(request);
        RateLimit limit = policy.limitOf(caller.tier());
        String route = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        String who = caller.ownerHash() != null ? caller.ownerHash().substring(0, 32) : "ip:" + addresses.of(request);
        String bucket = "consoul:ratelimit:" + caller.tier() + ":" + route + ":" + who;

        RateLimiter.Decision decision;
        try {
            decision = limiter.check(bucket, limit);
        } catch (RedisUnavailableException e) {
            if (fallback != null) {
                decision = fallback.check(bucket, limit);
            } else if (failOpen) {
                failedOpen.increment();
                return true;
            } else {
                throw new ApiException(ErrorCode.RATE_LIMIT_STORAGE_UNAVAILABLE, "Rate limit storage unavailable",
                        STORE_RETRY_AFTER_SECONDS, Map.of());
            }
        }

        long resetSeconds = Math.max(1, (decision.resetMillis() + 999) / 1000);
        long windowSeconds = limit.window().toSeconds();
        int remaining = Math.max(0, decision.remaining());
        response.setHeader("X-RateLimit-Limit", Integer.toString(limit.requests()));
        response.setHeader("X-RateLimit-Remaining", Integer.toString(remaining));
        response.setHeader("X-RateLimit-Reset", Long.toString(resetSeconds));
        response.setHeader("RateLimit-Policy", "\"" + caller.tier() + "\";q=" + limit.requests() + ";w=" + windowSeconds);
        response.setHeader("RateLimit", "\"" + caller.tier() + "\";r=" + remaining + ";t=" + resetSeconds);
        if (decision.allowed()) return true;

        registry.counter("consoul.rate.limit.rejections", "tier", caller.tier()).increment();
        String text = "Rate limit exceeded: " + limit.requests() + " per " + windowSeconds + " seconds";
        throw new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, text, (int) resetSeconds,
                Map.of("limit", limit.requests(), "window_seconds", windowSeconds, "tier", caller.tier(), "detail", text));
    }
}
