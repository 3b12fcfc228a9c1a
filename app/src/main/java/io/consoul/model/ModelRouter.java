package io.consoul.model;

import java.util.List;
import java.util.function.Consumer;

/**
 * Chooses the provider for a model name. Providers arrive already wrapped with their timeout and circuit breaker;
 * their failures ({@link ModelException}) pass through for the web layer to answer.
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

    /** The model a new session gets; {@link ModelNotAvailableException} when no configured provider serves the name. */
    public String resolve(String requested) {
        String model = requested == null || requested.isBlank() ? defaultModel : requested.trim();
        providerFor(model);
        return model;
    }

    public Completion complete(String model, List<ModelMessage> conversation) {
        return providerFor(model).complete(model, conversation);
    }

    public Completion stream(String model, List<ModelMessage> conversation, Consumer<String> onToken) {
        return providerFor(model).stream(model, conversation, onToken);
    }

    private ModelProvider providerFor(String model) {
        return providers.stream().filter(p -> p.serves(model)).findFirst()
                .orElseThrow(() -> new ModelNotAvailableException(model));
    }
}
