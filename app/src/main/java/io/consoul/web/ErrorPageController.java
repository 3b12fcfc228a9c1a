package io.consoul.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel {@code /error} for failures that happen outside any controller
 * (a request the container rejects), so even those get the contract's body and no stack trace.
 */
@RestController
class ErrorPageController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ErrorBody> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 500;
        ErrorCode errorCode = codeOf(code);
        String message = errorCode == ErrorCode.INTERNAL_ERROR ? "Internal server error" : "Request rejected";
        return ResponseEntity.status(code >= 400 && code < 600 ? code : 500)
                .body(ErrorBody.of(errorCode, message, null, null));
    }

    /** The contract's error for a status the container chose (the status itself is kept). */
    static ErrorCode codeOf(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 422 -> ErrorCode.VALIDATION_ERROR;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 400 && status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }
}
