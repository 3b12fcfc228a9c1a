package io.consoul.web;

import io.consoul.ConsoulException;
import io.consoul.auth.InvalidApiKeyException;
import io.consoul.context.ContextTooLongException;
import io.consoul.model.ModelException;
import io.consoul.model.ModelNotAvailableException;
import io.consoul.ratelimit.RateLimitStorageUnavailableException;
import io.consoul.ratelimit.RateLimitedException;
import io.consoul.session.SessionNotFoundException;
import io.consoul.session.SessionStorageUnavailableException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a domain failure becomes the contract's answer: status, error code, message, retry hint,
 * details and headers. {@link ApiExceptionHandler} answers HTTP requests with it; the stream, the WebSocket and
 * a batch's failed items send the same body in their own framing.
 */
public final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    /** Seconds a client should wait when a store (Redis) is down, or the model's breaker is open. */
    private static final int STORE_RETRY_AFTER = 30;
    private static final int MODEL_RETRY_AFTER = 10;

    private ApiErrors() {}

    public static ApiException of(ConsoulException e) {
        if (e instanceof InvalidApiKeyException key) {
            return new ApiException(ErrorCode.INVALID_API_KEY, key.getMessage())
                    .withHeader("WWW-Authenticate", "ApiKey name=" + key.header());
        }
        if (e instanceof SessionNotFoundException) return new ApiException(ErrorCode.SESSION_NOT_FOUND, e.getMessage());
        if (e instanceof SessionStorageUnavailableException store) {
            return new ApiException(ErrorCode.SESSION_STORAGE_UNAVAILABLE, store.getMessage(),
                    store.busy() ? 1 : STORE_RETRY_AFTER, Map.of());
        }
        if (e instanceof RateLimitedException limited) {
            String text = limited.getMessage();
            return new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, text, (int) limited.resetSeconds(),
                    Map.of("limit", limited.limit(), "window_seconds", limited.windowSeconds(), "tier", limited.tier(),
                            "detail", text));
        }
        if (e instanceof RateLimitStorageUnavailableException) {
            return new ApiException(ErrorCode.RATE_LIMIT_STORAGE_UNAVAILABLE, e.getMessage(), STORE_RETRY_AFTER, Map.of());
        }
        if (e instanceof ContextTooLongException tooLong) {
            return new ApiException(ErrorCode.CONTEXT_TOO_LONG, tooLong.getMessage(), null,
                    Map.of("tokens", tooLong.tokens(), "limit", tooLong.limit()));
        }
        if (e instanceof ModelNotAvailableException unknown) {
            return new ApiException(ErrorCode.VALIDATION_ERROR, "Model not available", null,
                    Map.of("fields", Map.of("model", "no configured provider serves '" + unknown.model() + "'")));
        }
        if (e instanceof ModelException model) return model(model);
        log.error("No answer mapped for {}", e.getClass().getName(), e);
        return internal();
    }

    /** The provider's own message is logged by the provider, never sent: it may carry URLs or request ids. */
    private static ApiException model(ModelException e) {
        if (e.breakerOpen()) {
            return new ApiException(ErrorCode.CIRCUIT_BREAKER_OPEN,
                    "LLM provider temporarily unavailable (circuit breaker open)", STORE_RETRY_AFTER, Map.of());
        }
        return e.timeout()
                ? new ApiException(ErrorCode.MODEL_PROVIDER_TIMEOUT, "Model provider timed out", MODEL_RETRY_AFTER, Map.of())
                : new ApiException(ErrorCode.MODEL_PROVIDER_ERROR, "Model provider error", MODEL_RETRY_AFTER, Map.of());
    }

    /** Anything unexpected: E900, whose body never repeats the failure's text. */
    public static ApiException internal() {
        return new ApiException(ErrorCode.INTERNAL_ERROR, "Internal server error");
    }
}
