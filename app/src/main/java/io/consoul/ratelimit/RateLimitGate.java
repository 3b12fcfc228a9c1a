package io.consoul.ratelimit;

import io.consoul.auth.Caller;
import io.consoul.redis.RedisUnavailableException;
import io.consoul.web.ClientAddress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies the caller's limits to a rate-limited route (one bucket per route, caller and limit, as the reference
 * server does) and writes the rate-limit headers on every limited response.
 *
 * <p>The routes call {@link #admit} once their request is authenticated and valid — the point where the reference's
 * {@code @limiter.limit} runs — so a 401, 413 or 422 never uses a slot, and CORS preflights (answered by the CORS
 * filter before any route) never reach it. {@code CONSOUL_ENABLED=false} turns limiting off.
 *
 * <p>When the shared store is down: memory if fallback is on, else pass (fail-open, counted) or refuse with
 * 503 E111 (fail-closed, the default).
 */
public final class RateLimitGate {
    private final boolean enabled;
    private final String keyPrefix;
    private final RateLimiter limiter;
    private final RateLimiter fallback;
    private final boolean failOpen;
    private final RateLimitPolicy policy;
    private final ClientAddress addresses;
    private final MeterRegistry registry;
    private final Counter failedOpen;

    RateLimitGate(boolean enabled, String keyPrefix, RateLimiter limiter, RateLimiter fallback, boolean failOpen,
                  RateLimitPolicy policy, ClientAddress addresses, MeterRegistry registry) {
        this.enabled = enabled;
        this.keyPrefix = keyPrefix.endsWith(":") ? keyPrefix : keyPrefix + ":";
        this.limiter = limiter;
        this.fallback = fallback;
        this.failOpen = failOpen;
        this.policy = policy;
        this.addresses = addresses;
        this.registry = registry;
        this.failedOpen = Counter.builder("consoul.rate.limit.fail.open")
                .description("Requests let through unchecked because the limiter's Redis was down").register(registry);
    }

    /** Counts this HTTP request against its route's bucket; 429 (or 503 E111) when it does not fit. */
    public void admit(HttpServletRequest request, HttpServletResponse response) {
        String route = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        admit(Caller.of(request), route, addresses.of(request), response::setHeader);
    }

    /** Counts one call of {@code route} (also a WebSocket message) by {@code caller}, reporting headers to {@code headers}. */
    public void admit(Caller caller, String route, String clientAddress, BiConsumer<String, String> headers) {
        if (!enabled) return;
        List<RateLimit> limits = policy.limitsOf(caller.tier());
        String who = caller.ownerHash() != null ? caller.ownerHash().substring(0, 32) : "ip:" + clientAddress;
        RateLimit tightest = null;
        RateLimiter.Decision reported = null;
        for (RateLimit limit : limits) {
            String bucket = keyPrefix + caller.tier() + ":" + route + ":" + who
                    + (limits.size() > 1 ? ":" + limit.window().toSeconds() + "s" : "");
            RateLimiter.Decision decision = check(bucket, limit);
            if (decision == null) return; // failed open
            if (reported == null || !decision.allowed() || decision.remaining() < reported.remaining() && reported.allowed()) {
                reported = decision;
                tightest = limit;
            }
            if (!decision.allowed()) break;
        }
        long resetSeconds = Math.max(1, (reported.resetMillis() + 999) / 1000);
        long windowSeconds = tightest.window().toSeconds();
        int remaining = Math.max(0, reported.remaining());
        headers.accept("X-RateLimit-Limit", Integer.toString(tightest.requests()));
        headers.accept("X-RateLimit-Remaining", Integer.toString(remaining));
        headers.accept("X-RateLimit-Reset", Long.toString(resetSeconds));
        headers.accept("RateLimit-Policy", "\"" + caller.tier() + "\";q=" + tightest.requests() + ";w=" + windowSeconds);
        headers.accept("RateLimit", "\"" + caller.tier() + "\";r=" + remaining + ";t=" + resetSeconds);
        if (reported.allowed()) return;

        Counter.builder("consoul.rate.limit.rejections").description("Requests refused with 429, by rate-limit tier")
                .tag("tier", caller.tier()).register(registry).increment();
        throw new RateLimitedException(tightest.requests(), windowSeconds, caller.tier(), resetSeconds);
    }

    /** The limiter's decision, or null to let the request through unchecked (fail-open while Redis is down). */
    private RateLimiter.Decision check(String bucket, RateLimit limit) {
        try {
            return limiter.check(bucket, limit);
        } catch (RedisUnavailableException e) {
            if (fallback != null) return fallback.check(bucket, limit);
            if (failOpen) {
                failedOpen.increment();
                return null;
            }
            throw new RateLimitStorageUnavailableException();
        }
    }
}
