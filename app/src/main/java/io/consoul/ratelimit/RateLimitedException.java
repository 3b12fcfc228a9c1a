package io.consoul.ratelimit;

import io.consoul.ConsoulException;

/** The caller's tightest limit is used up; a slot frees in {@link #resetSeconds()}. */
public final class RateLimitedException extends ConsoulException {
    private final int limit;
    private final long windowSeconds;
    private final String tier;
    private final long resetSeconds;

    RateLimitedException(int limit, long windowSeconds, String tier, long resetSeconds) {
        super("Rate limit exceeded: " + limit + " per " + windowSeconds + " seconds");
        this.limit = limit;
        this.windowSeconds = windowSeconds;
        this.tier = tier;
        this.resetSeconds = resetSeconds;
    }

    public int limit() { return limit; }
    public long windowSeconds() { return windowSeconds; }
    public String tier() { return tier; }
    public long resetSeconds() { return resetSeconds; }
}
