package io.consoul;

/**
 * A request the service cannot serve, for a reason its caller is told: an unknown session, a full rate limit, a
 * message too long for the model, a model that failed. Domain code throws the specific subclass and knows nothing
 * of HTTP; the web layer ({@code io.consoul.web.ApiErrors}) maps each to its status and the contract's error body,
 * in one place. Most carry no stack trace: they are answers, not bugs.
 */
public abstract class ConsoulException extends RuntimeException {
    protected ConsoulException(String message) {
        super(message, null, false, false);
    }

    /** With the cause (and a stack trace) kept for the log; the message still never reaches the caller unmapped. */
    protected ConsoulException(String message, Throwable cause) {
        super(message, cause);
    }
}
