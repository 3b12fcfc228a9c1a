package io.consoul.model;

import java.net.URI;
import org.springframework.core.env.PropertyResolver;

/**
 * Where the real providers are and how to authenticate, read once from the environment variables the
 * providers' own tools use ({@code OPENAI_API_KEY}, ...), so an existing shell setup works unchanged.
 * A provider is configured only when its key (or, for OpenAI-compatible and Ollama servers, its base URL) is set.
 *
 * @param openAiApiKey      {@code OPENAI_API_KEY}; may be empty for a keyless OpenAI-compatible server
 * @param openAiBaseUrl     {@code OPENAI_BASE_URL}, e.g. {@code http://localhost:8000/v1} for vLLM; default api.openai.com
 * @param anthropicApiKey   {@code ANTHROPIC_API_KEY}
 * @param anthropicBaseUrl  {@code ANTHROPIC_BASE_URL}; default api.anthropic.com
 * @param ollamaBaseUrl     {@code OLLAMA_BASE_URL}, e.g. {@code http://localhost:11434}
 */
record ProviderEndpoints(String openAiApiKey, String openAiBaseUrl, String anthropicApiKey, String anthropicBaseUrl,
                         String ollamaBaseUrl) {

    static final ProviderEndpoints NONE = new ProviderEndpoints("", "", "", "", "");

    ProviderEndpoints {
        openAiApiKey = trimmed(openAiApiKey);
        openAiBaseUrl = trimmed(openAiBaseUrl);
        anthropicApiKey = trimmed(anthropicApiKey);
        anthropicBaseUrl = trimmed(anthropicBaseUrl);
        ollamaBaseUrl = trimmed(ollamaBaseUrl);
    }

    static ProviderEndpoints from(PropertyResolver env) {
        return new ProviderEndpoints(env.getProperty("OPENAI_API_KEY"), env.getProperty("OPENAI_BASE_URL"),
                env.getProperty("ANTHROPIC_API_KEY"), env.getProperty("ANTHROPIC_BASE_URL"),
                env.getProperty("OLLAMA_BASE_URL"));
    }

    boolean openAiConfigured() {
        return !openAiApiKey.isEmpty() || !openAiBaseUrl.isEmpty();
    }

    boolean anthropicConfigured() {
        return !anthropicApiKey.isEmpty();
    }

    boolean ollamaConfigured() {
        return !ollamaBaseUrl.isEmpty();
    }

    /** A base URL fit for a log line: scheme, host and port only, never credentials or query strings. */
    static String forLog(String url, String whenEmpty) {
        if (url.isEmpty()) return whenEmpty;
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(unparseable URL)";
        }
    }

    /** Keys are secrets: keep them out of anything that prints this record. */
    @Override
    public String toString() {
        return "ProviderEndpoints[openai=" + openAiConfigured() + ", anthropic=" + anthropicConfigured()
                + ", ollama=" + ollamaConfigured() + "]";
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
