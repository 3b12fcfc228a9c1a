package io.consoul.ratelimit;

import io.consoul.ConsoulException;

/** The limiter's Redis is down and the limiter fails closed (no fallback, not fail-open). */
public final class RateLimitStorageUnavailableException extends ConsoulException {
    RateLimitStorageUnavailableException() {
        super("Rate limit storage unavailable");
    }
}
