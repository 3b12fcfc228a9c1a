package io.consoul.web;

import java.io.IOException;
import java.util.Map;

/** Thrown by the size-limited request stream; surfaces as 413 E006 however deep the reader wraps it. */
class BodyTooLargeException extends IOException {
    private final long limit;

    BodyTooLargeException(long limit) {
        super("Request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    ApiException apiException() {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large", null, Map.of("limit", limit));
    }
}
