package io.consoul.web;

import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * An error answer as the web layer sends it: the contract's status, body and headers. Built by {@link ApiErrors}
 * from a domain failure, or here in the web layer for requests it refuses itself; never carries internal detail.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode errorCode;
    private final Integer retryAfter;
    private final Map<String, Object> details;
    private final Map<String, String> extraHeaders = new java.util.LinkedHashMap<>();

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
        extraHeaders.put(name, value);
        return this;
    }

    /** Every header the error response carries: {@code Retry-After} when a retry hint is set, then the extra ones. */
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        if (retryAfter != null) headers.set(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        extraHeaders.forEach(headers::set);
        return headers;
    }

    public ErrorBody body() {
        return ErrorBody.of(errorCode, getMessage(), retryAfter, details);
    }
}
