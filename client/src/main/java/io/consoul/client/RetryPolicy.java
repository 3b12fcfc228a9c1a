package io.consoul.client;

import java.time.Duration;

/**
 * When to repeat a call the server refused for now (429, 503) or that never reached it (connection refused):
 * honouring {@code Retry-After}, at most {@code maxAttempts} attempts and never past {@code maxElapsed}.
 * Idempotent calls retry by default; {@code /chat}, {@code /chat/batch} and {@code /chat/stream} only with
 * {@code retryChat}, because a turn the server did process but could not answer would be sent twice.
 *
 * @param maxAttempts attempts in all, including the first (default 3; 1 turns retries off)
 * @param maxElapsed  time budget for all attempts and waits (default 30 s)
 * @param retryChat   also retry the chat calls (default false)
 */
public record RetryPolicy(int maxAttempts, Duration maxElapsed, boolean retryChat) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(30), false);
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, false);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (maxElapsed == null || maxElapsed.isNegative()) throw new IllegalArgumentException("maxElapsed must be zero or more");
    }

    public RetryPolicy withRetryChat(boolean retry) {
        return new RetryPolicy(maxAttempts, maxElapsed, retry);
    }
}
