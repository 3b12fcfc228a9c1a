package io.consoul.model;

import java.util.List;
import java.util.function.Consumer;

/**
 * One source of model replies (echo, OpenAI, Anthropic, Ollama). Implementations throw
 * {@link ModelException} for provider failures; timeouts and circuit breaking are applied around them.
 */
public interface ModelProvider {

    /** The provider's name, used in logs, metrics-free errors and the circuit breaker's name. */
    String name();

    /** Whether this provider serves {@code model} (the contract's name rules). */
    boolean serves(String model);

    Completion complete(String model, List<ModelMessage> conversation);

    /** Streams the reply, calling {@code onToken} as each piece arrives, and returns the whole completion. */
    Completion stream(String model, List<ModelMessage> conversation, Consumer<String> onToken);
}
