package io.consoul.web;

import io.consoul.ConsoulException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into the contract's error body, the one place HTTP errors are written (servlet filters hand
 * theirs here too, through Spring's {@code HandlerExceptionResolver}). Domain failures are mapped by {@link ApiErrors};
 * client mistakes are 4xx with what was wrong; anything unexpected is a 500 E900 whose body never repeats the
 * exception's text.
 */
@RestControllerAdvice
class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e) {
        return ResponseEntity.status(e.errorCode().status()).headers(e.headers()).body(e.body());
    }

    @ExceptionHandler(ConsoulException.class)
    ResponseEntity<ErrorBody> refused(ConsoulException e) {
        return api(ApiErrors.of(e));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ErrorBody> tooLarge(BodyTooLargeException e) {
        return api(e.apiException());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorBody> invalid(MethodArgumentNotValidException e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Class<?> target = e.getParameter().getParameterType();
        e.getBindingResult().getFieldErrors().forEach(f ->
                fields.putIfAbsent(JsonFieldNames.of(target, f.getField()), f.getDefaultMessage()));
        e.getBindingResult().getGlobalErrors().forEach(g -> fields.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
        return api(validation("Request validation failed", fields));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ErrorBody> invalidParameter(HandlerMethodValidationException e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        e.getParameterValidationResults().forEach(r -> fields.putIfAbsent(
                String.valueOf(r.getMethodParameter().getParameterName()),
                r.getResolvableErrors().isEmpty() ? "invalid" : r.getResolvableErrors().get(0).getDefaultMessage()));
        return api(validation("Request validation failed", fields));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) return api(tooLarge.apiException());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            details.put(pathOf(mismatch), "wrong type or shape");
        } else if (e.getCause() instanceof JacksonException) {
            details.put("body", "malformed JSON");
        } else {
            details.put("body", "a JSON body is required");
        }
        return api(validation("Request body could not be read", details));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
        return api(new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json",
                null, Map.of("content_type", String.valueOf(e.getContentType()))));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ErrorBody> badParameter(Exception e) {
        return api(validation("Request parameters are invalid", Map.of("parameters", "invalid or missing")));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ErrorBody> body = api(new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed"));
        return ResponseEntity.status(body.getStatusCode())
                .header(HttpHeaders.ALLOW, String.join(", ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods()))
                .body(body.getBody());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorBody> notFound(Exception e) {
        return api(new ApiException(ErrorCode.NOT_FOUND, "Not found"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpServletResponse response) {
        response.setStatus(406); // the client refuses JSON, so there is no body it would read
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
        // The client disconnected mid-response: nothing to answer.
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        log.error("Unhandled exception", e);
        return api(ApiErrors.internal());
    }

    static ApiException validation(String message, Map<String, Object> fields) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, message, null, Map.of("fields", fields));
    }

    private static String pathOf(MismatchedInputException e) {
        return String.join(".", e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : String.valueOf(ref.getIndex()))
                .toList());
    }

}
