package io.consoul.model;

import io.consoul.session.Session;
import io.consoul.web.ApiException;
import io.consoul.web.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chooses the provider for a model name and turns provider failures into the contract's 502/504 errors.
 * Providers arrive already wrapped with their timeout and circuit breaker.
 */
public final class ModelRouter {
    private final List<ModelProvider> providers;
    private final String defaultModel;

    ModelRouter(List<ModelProvider> providers, String defaultModel) {
        this.providers = List.copyOf(providers);
        this.defaultModel = defaultModel;
    }

    public String defaultModel() {
        return defaultModel;
    }

    /** The model a new session gets; 422 when no configured provider serves the requested name. */
    public String resolve(String requested) {
        String model = requested == null || requested.isBlank() ? defaultModel : requested.trim();
        providerFor(model);
        return model;
    }

    public Completion complete(String model, List<Session.Message> conversation) {
        ModelProvider provider = providerFor(model);
        try {
            return provider.complete(model, conversation);
        } catch (ModelException e) {
            throw asApiException(e);
        }
    }

    public Completion stream(String model, List<Session.Message> conversation, Consumer<String> onToken) {
        ModelProvider provider = providerFor(model);
        try {
            return provider.stream(model, conversation, onToken);
        } catch (ModelException e) {
            throw asApiException(e);
        }
    }

    private ModelProvider providerFor(String model) {
        return providers.stream().filter(p -> p.serves(model)).findFirst()
                .orElseThrow(() -> new ApiException(ErrorCode.VALIDATION_ERROR, "Model not available", null,
                        Map.of("fields", Map.of("model", "no configured provider serves '" + model + "'"))));
    }

    /** The provider's own message is logged by the provider, never sent: it may carry URLs or request ids. */
    static ApiException asApiException(ModelException e) {
        if (e.breakerOpen()) {
            return new ApiException(ErrorCode.CIRCUIT_BREAKER_OPEN,
                    "LLM provider temporarily unavailable (circuit breaker open)", 30, Map.of());
        }
        return e.timeout()
                ? new ApiException(ErrorCode.MODEL_PROVIDER_TIMEOUT, "Model provider timed out", 10, Map.of())
                : new ApiException(ErrorCode.MODEL_PROVIDER_ERROR, "Model provider error", 10, Map.of());
    }
}
