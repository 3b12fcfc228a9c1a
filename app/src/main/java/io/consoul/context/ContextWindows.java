package io.consoul.context;

import io.consoul.model.ModelFamily;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How many tokens each model accepts, from the table below or from {@code CONSOUL_MODEL_CONTEXT_WINDOWS}.
 *
 * <p>A model name matches the longest entry it starts with ({@code gpt-4o-2024-08-06} matches {@code gpt-4o}); a
 * setting's entry beats the table's. Names no entry matches get their family's floor, and names of no known family
 * the reference server's conservative default of 4,096 ({@code DEFAULT_TOKEN_LIMIT} in its
 * {@code src/consoul/ai/context.py}). Erring low only trims more; erring high turns long conversations into
 * provider errors, so where a provider documents an input limit below its window, the table holds the input limit.
 */
public final class ContextWindows {
    /** The reference server's window for a model it does not know. */
    static final int UNKNOWN_MODEL = 4_096;

    /**
     * Model name prefix to window, each number from the provider's own model page.
     * OpenAI: https://platform.openai.com/docs/models/{name} ("Context window").
     * Anthropic: https://docs.claude.com/en/docs/about-claude/models/overview ("Context window"): 200K for every
     * Claude model since Claude 3; the larger 1M windows need a beta header or plan this server does not send.
     * Ollama: https://docs.ollama.com/context-length: the server runs every model at its default context length,
     * 4k below 24 GiB of VRAM, unless {@code OLLAMA_CONTEXT_LENGTH} or the Modelfile's {@code num_ctx} says
     * otherwise, and silently cuts a longer prompt from the front. This server sends no {@code num_ctx}, so 4,096
     * is the window Ollama really applies; raise it with the setting where the Ollama server was given more.
     */
    static final Map<String, Integer> TABLE = table(
            "gpt-5", 272_000,          // 400,000 window of which 128,000 are output: 272,000 input tokens
            "gpt-4.1", 1_047_576,
            "gpt-4o", 128_000,
            "chatgpt-4o", 128_000,
            "gpt-4-turbo", 128_000,
            "gpt-4-32k", 32_768,
            "gpt-4", 8_192,
            "gpt-3.5-turbo", 16_385,
            "o1-mini", 128_000,
            "o1-preview", 128_000,
            "o1", 200_000,
            "o3", 200_000,
            "o4-mini", 200_000,
            "claude-", 200_000,
            // Stands in for gpt-4o-mini, the default real model, so load tests fit history the same way.
            "echo", 128_000);

    /** Floors per family for names the table does not list (a newer model of the same provider). */
    static final Map<ModelFamily, Integer> FAMILY_FLOOR = Map.of(
            ModelFamily.OPENAI, 128_000,      // every OpenAI chat model since gpt-4-turbo accepts at least this
            ModelFamily.ANTHROPIC, 200_000,
            ModelFamily.OLLAMA, 4_096);

    private final Map<String, Integer> overrides;

    public ContextWindows(Map<String, Integer> overrides) {
        overrides.forEach((model, tokens) -> {
            if (tokens == null || tokens <= 0) {
                throw new IllegalArgumentException("CONSOUL_MODEL_CONTEXT_WINDOWS: the window of '" + model
                        + "' must be a positive number of tokens, got " + tokens);
            }
        });
        this.overrides = lowerCaseKeys(overrides);
    }

    /** The context window of {@code model}, in tokens. */
    public int of(String model) {
        String name = model == null ? "" : model.trim().toLowerCase(Locale.ROOT);
        Integer configured = longestPrefix(overrides, name);
        if (configured != null) return configured;
        ModelFamily family = ModelFamily.of(name).orElse(null);
        // Ollama first: a tagged name such as gpt-oss:20b is a local model, whatever the rest of it looks like.
        if (family == ModelFamily.OLLAMA) return FAMILY_FLOOR.get(family);
        Integer listed = longestPrefix(TABLE, name);
        if (listed != null) return listed;
        return family == null ? UNKNOWN_MODEL : FAMILY_FLOOR.get(family);
    }

    /** The smallest window any model can get: the reply reserve must leave room in it. */
    int smallest() {
        return java.util.stream.Stream.of(overrides.values(), TABLE.values(), FAMILY_FLOOR.values(),
                        java.util.List.of(UNKNOWN_MODEL))
                .flatMap(java.util.Collection::stream).mapToInt(Integer::intValue).min().orElse(UNKNOWN_MODEL);
    }

    private static Integer longestPrefix(Map<String, Integer> entries, String name) {
        return entries.entrySet().stream()
                .filter(e -> name.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue).orElse(null);
    }

    private static Map<String, Integer> lowerCaseKeys(Map<String, Integer> entries) {
        Map<String, Integer> lower = new LinkedHashMap<>();
        entries.forEach((k, v) -> lower.put(k.trim().toLowerCase(Locale.ROOT), v));
        return Map.copyOf(lower);
    }

    private static Map<String, Integer> table(Object... pairs) {
        Map<String, Integer> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) table.put((String) pairs[i], (Integer) pairs[i + 1]);
        return Collections.unmodifiableMap(table);
    }
}
