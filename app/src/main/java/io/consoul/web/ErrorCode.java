package io.consoul.web;

import org.springframework.http.HttpStatus;

/** The contract's error table: status, code and error name, plus whether a client may retry. */
public enum ErrorCode {
    INVALID_API_KEY(HttpStatus.UNAUTHORIZED, "E011", "invalid_api_key", false),
    SESSION_NOT_FOUND(HttpStatus.NOT_FOUND, "E404", "session_not_found", false),
    NOT_FOUND(HttpStatus.NOT_FOUND, "E404", "not_found", false),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "E405", "method_not_allowed", false),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "E006", "request_too_large", false),
    CORS_REJECTED(HttpStatus.BAD_REQUEST, "E007", "cors_request_rejected", false),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "E001", "invalid_request_body", false),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "E003", "validation_error", false),
    VALIDATION_ERROR(HttpStatus.UNPROCESSABLE_CONTENT, "E003", "validation_error", false),
    RATE_LIMIT_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS, "E429", "rate_limit_exceeded", true),
    SESSION_STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "E110", "session_storage_unavailable", true),
    RATE_LIMIT_STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "E111", "rate_limit_storage_unavailable", true),
    // E201 is the reference's code for a model timeout (504); E209 is free there. Its E206/E207 mean the breaker.
    MODEL_PROVIDER_ERROR(HttpStatus.BAD_GATEWAY, "E209", "model_provider_error", true),
    MODEL_PROVIDER_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "E201", "model_provider_timeout", true),
    CIRCUIT_BREAKER_OPEN(HttpStatus.SERVICE_UNAVAILABLE, "E206", "circuit_breaker_open", true),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "E900", "internal_error", false);

    private final HttpStatus status;
    private final String code;
    private final String error;
    private final boolean recoverable;

    ErrorCode(HttpStatus status, String code, String error, boolean recoverable) {
        this.status = status;
        this.code = code;
        this.error = error;
        this.recoverable = recoverable;
    }

    public HttpStatus status() { return status; }
    public String code() { return code; }
    public String error() { return error; }
    public boolean recoverable() { return recoverable; }
}
