package io.consoul.web;

import java.util.Map;

/** A failure the client is told about with the contract's error body; never carries internal detail. */
public class ApiException extends RuntimeException {
    private final ErrorCode errorCode;
    private final Integer retryAfter;
    private final Map<String, Object> details;
    private final Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ApiException(ErrorCode errorCode, String message) {
        this(errorCode, message, null, Map.of());
    }

    public ApiException(ErrorCode errorCode, String message, Integer retryAfter, Map<String, Object> details) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
        this.details = details;
    }

    public ErrorCode errorCode() { return errorCode; }
    public Integer retryAfter() { return retryAfter; }
    public Map<String, Object> details() { return details; }

    /** A header the error response carries (e.g. {@code WWW-Authenticate} naming the key header). */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() { return headers; }

    public ErrorBody body() {
        return ErrorBody.of(errorCode, getMessage(), retryAfter, details);
    }
}
