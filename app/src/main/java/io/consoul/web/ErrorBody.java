package io.consoul.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/** The contract's error body; every field is always present, {@code null} where it does not apply. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErrorBody(
        String code,
        String error,
        String message,
        boolean recoverable,
        @JsonProperty("retry_after") Integer retryAfter,
        Map<String, Object> details,
        String timestamp) {

    public static ErrorBody of(ErrorCode code, String message, Integer retryAfter, Map<String, Object> details) {
        return new ErrorBody(code.code(), code.error(), message, code.recoverable(), retryAfter,
                details == null ? Map.of() : details, Instant.now().toString());
    }
}
