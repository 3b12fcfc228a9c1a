package io.consoul.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The real providers and the contract's rule for which model names each one serves. The rules are checked
 * in declaration order, Ollama first: a {@code :} tag (as in {@code gpt-oss:20b}) marks a locally pulled
 * model even when the rest of the name looks like another vendor's.
 */
public enum ModelFamily {
    OLLAMA("ollama", "llama3.2", name -> name.contains(":") || name.startsWith("llama") || name.startsWith("qwen")),
    OPENAI("openai", "gpt-4o-mini", Pattern.compile("^(gpt-|o\\d).*").asMatchPredicate()),
    ANTHROPIC("anthropic", "claude-haiku-4-5", name -> name.startsWith("claude-"));

    private final String providerName;
    private final String defaultModel;
    private final Predicate<String> rule;

    ModelFamily(String providerName, String defaultModel, Predicate<String> rule) {
        this.providerName = providerName;
        this.defaultModel = defaultModel;
        this.rule = rule;
    }

    /** The family whose rule matches {@code model} first, if any. */
    public static Optional<ModelFamily> of(String model) {
        if (model == null) return Optional.empty();
        String name = model.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.rule.test(name)).findFirst();
    }

    boolean serves(String model) {
        return of(model).orElse(null) == this;
    }

    /** Name in logs and the circuit breaker's name. */
    String providerName() {
        return providerName;
    }

    /** A cheap, widely available model: what an instance uses when this is its first configured provider. */
    String defaultModel() {
        return defaultModel;
    }
}
