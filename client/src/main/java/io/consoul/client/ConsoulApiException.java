package io.consoul.client;

import java.util.Map;

/**
 * The server answered with the contract's error body (or a stream ended with an {@code error} event).
 * {@link #code()} is the contract's code (E011, E429, …); {@link #retryAfterSeconds()} is set when a retry may help.
 */
public class ConsoulApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String error;
    private final boolean recoverable;
    private final Integer retryAfterSeconds;
    private final Map<String, Object> details;

    public ConsoulApiException(int status, String code, String error, String message, boolean recoverable,
                               Integer retryAfterSeconds, Map<String, Object> details) {
        super(status + " " + code + " " + error + ": " + message);
        this.status = status;
        this.code = code;
        this.error = error;
        this.recoverable = recoverable;
        this.retryAfterSeconds = retryAfterSeconds;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** HTTP status; 200 for an error that arrived inside a stream. */
    public int status() { return status; }
    public String code() { return code; }
    public String error() { return error; }
    public boolean recoverable() { return recoverable; }
    public Integer retryAfterSeconds() { return retryAfterSeconds; }
    public Map<String, Object> details() { return details; }
}
