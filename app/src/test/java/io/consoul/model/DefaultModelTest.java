package io.consoul.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The default model when {@code CONSOUL_MODEL_NAME} is unset, and start-up with and without provider settings.
 * Nothing here calls a provider: building the router must not touch the network.
 */
class DefaultModelTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String OPENAI_KEY = "sk-test-not-a-secret";

    private static String defaultWith(ProviderEndpoints endpoints, String configured) {
        return ModelConfig.router(endpoints, configured, TIMEOUT, Duration.ZERO).defaultModel();
    }

    @Test
    void echoIsTheDefaultOnlyWhenNoProviderIsConfigured() {
        assertEquals("echo", defaultWith(ProviderEndpoints.NONE, ""));
        assertEquals("echo", defaultWith(ProviderEndpoints.NONE, null));
    }

    @Test
    void firstConfiguredProviderGivesTheDefault() {
        assertEquals("gpt-4o-mini", defaultWith(new ProviderEndpoints(OPENAI_KEY, "", "a", "", "http://o:11434"), ""));
        assertEquals("claude-haiku-4-5", defaultWith(new ProviderEndpoints("", "", "a", "", "http://o:11434"), ""));
        assertEquals("llama3.2", defaultWith(new ProviderEndpoints("", "", "", "", "http://o:11434"), ""));
    }

    @Test
    void anOpenAiCompatibleServerNeedsOnlyItsBaseUrl() {
        assertEquals("gpt-4o-mini", defaultWith(new ProviderEndpoints("", "http://vllm:8000/v1", "", "", ""), ""));
    }

    @Test
    void configuredModelNameWinsWhenAProviderServesIt() {
        assertEquals("gpt-4.1", defaultWith(new ProviderEndpoints(OPENAI_KEY, "", "", "", ""), " gpt-4.1 "));
        assertEquals("echo", defaultWith(new ProviderEndpoints(OPENAI_KEY, "", "", "", ""), "echo"));
    }

    @Test
    void configuredModelNameThatNoProviderServesStopsStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> defaultWith(new ProviderEndpoints(OPENAI_KEY, "", "", "", ""), "claude-sonnet-4"));
        assertTrue(e.getMessage().contains("claude-sonnet-4"));
    }

    @Test
    void endpointsNeverPrintTheirKeys() {
        ProviderEndpoints endpoints = new ProviderEndpoints(OPENAI_KEY, "", "ant-key-not-a-secret", "", "");
        assertFalse(endpoints.toString().contains(OPENAI_KEY));
        assertFalse(endpoints.toString().contains("ant-key-not-a-secret"));
        assertEquals("http://vllm:8000", ProviderEndpoints.forLog("http://user:pw@vllm:8000/v1?token=x", ""));
    }
}
