package io.consoul.redis;

/** Redis could not be used for this command; callers turn it into 503 (or memory, with fallback on). */
public class RedisUnavailableException extends RuntimeException {
    public RedisUnavailableException(String message) {
        super(message, null, false, false);
    }

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
