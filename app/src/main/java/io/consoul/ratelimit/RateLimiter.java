package io.consoul.ratelimit;

/** Counts one request against a bucket and says whether it may proceed. */
public interface RateLimiter {

    /**
     * @param allowed       whether this request fits in the window
     * @param remaining     requests still allowed in the window after this one
     * @param resetMillis   time until the oldest counted request leaves the window (a slot frees)
     */
    record Decision(boolean allowed, int remaining, long resetMillis) {}

    /** @throws io.consoul.redis.RedisUnavailableException when the shared store cannot be asked */
    Decision check(String bucket, RateLimit limit);
}
