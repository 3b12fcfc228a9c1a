package io.consoul.context;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The fitting rule's settings, checked at start-up: a bad value stops the service, naming the setting. */
@Configuration(proxyBeanMethods = false)
class ContextConfig {

    /**
     * @param windows      {@code CONSOUL_MODEL_CONTEXT_WINDOWS}: JSON object of model name (or name prefix) to
     *                     context window in tokens, over the built-in table, e.g. {@code {"llama3.1":32768}}
     * @param replyReserve {@code CONSOUL_CONTEXT_REPLY_RESERVE}: tokens kept free for the reply (the reference's 1,000)
     */
    @ConfigurationProperties("consoul.context")
    record ContextProperties(String windows, int replyReserve) {}

    @Bean
    ContextFitter contextFitter(ContextProperties p, JsonMapper json) {
        return new ContextFitter(new ContextWindows(parseWindows(p.windows(), json)), new TokenCounter(), p.replyReserve());
    }

    static Map<String, Integer> parseWindows(String text, JsonMapper json) {
        if (text == null || text.isBlank()) return Map.of();
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, Integer>>() {});
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("CONSOUL_MODEL_CONTEXT_WINDOWS must be a JSON object of model name to "
                    + "tokens, e.g. {\"llama3.1\":32768}, got: " + text);
        }
    }
}
