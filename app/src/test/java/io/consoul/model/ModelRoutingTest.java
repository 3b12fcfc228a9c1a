package io.consoul.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consoul.web.ApiErrors;
import io.consoul.web.ApiException;
import io.consoul.web.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's name rules, end to end: the router built by {@link ModelConfig} sends each name to its provider. */
class ModelRoutingTest {
    /** Generous: the first call in a JVM loads a provider SDK, which on a busy machine can take over 10 s. Routing is the subject here. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<ModelMessage> HELLO = List.of(ModelMessage.user("Hello"));

    private final Map<ModelFamily, WireFormat> wires = Map.of(
            ModelFamily.OPENAI, new WireFormat.OpenAi(),
            ModelFamily.ANTHROPIC, new WireFormat.Anthropic(),
            ModelFamily.OLLAMA, new WireFormat.Ollama());
    private final Map<ModelFamily, StandIn> standIns = new EnumMap<>(ModelFamily.class);
    private ModelRouter router;

    @BeforeEach
    void startAllThreeProviders() throws Exception {
        for (var entry : wires.entrySet()) {
            StandIn standIn = StandIn.start();
            WireFormat wire = entry.getValue();
            String answer = "answer from " + entry.getKey().providerName();
            standIn.respond((request, exchange) -> StandIn.send(exchange, 200, "application/json",
                    wire.reply(request.json().path("model").asText(), answer, 1, 1)));
            standIns.put(entry.getKey(), standIn);
        }
        ProviderEndpoints endpoints = new ProviderEndpoints(
                WireFormat.KEY, standIns.get(ModelFamily.OPENAI).baseUrl() + "/v1",
                WireFormat.KEY, standIns.get(ModelFamily.ANTHROPIC).baseUrl(),
                standIns.get(ModelFamily.OLLAMA).baseUrl());
        router = ModelConfig.router(endpoints, "", TIMEOUT, Duration.ZERO);
    }

    @AfterEach
    void stop() {
        standIns.values().forEach(StandIn::close);
    }

    @ParameterizedTest(name = "{0} is served by {1}")
    @CsvSource({"gpt-4o, openai", "o3-mini, openai", "claude-3-5-haiku, anthropic", "llama3.2, ollama",
            "qwen:7b, ollama", "gpt-oss:20b, ollama"})
    void modelNameChoosesTheProvider(String model, String provider) {
        assertEquals(model, router.resolve(model));

        Completion completion = router.complete(model, HELLO);

        assertEquals("answer from " + provider, completion.text());
        standIns.forEach((family, standIn) -> assertEquals(family.providerName().equals(provider) ? 1 : 0,
                standIn.requests().size(), family.providerName() + " stand-in requests"));
        StandIn.Request request = standIns.get(ModelFamily.of(model).orElseThrow()).lastRequest();
        assertEquals(model, request.json().path("model").asText());
    }

    @Test
    void unknownModelIsA422() {
        ApiException e = ApiErrors.of(assertThrows(ModelNotAvailableException.class, () -> router.resolve("mistral-large")));

        assertEquals(ErrorCode.VALIDATION_ERROR, e.errorCode());
        assertEquals(422, e.errorCode().status().value());
        standIns.values().forEach(standIn -> assertTrue(standIn.requests().isEmpty()));
    }

    @Test
    void echoStaysAvailableByNameButIsNotTheDefaultWhenARealProviderIsConfigured() {
        assertEquals("gpt-4o-mini", router.defaultModel());
        assertEquals("echo", router.resolve("echo"));
    }

    @Test
    void namesOfNoFamilyMatchNoProvider() {
        assertEquals(Optional.empty(), ModelFamily.of("omni"));
        assertEquals(Optional.empty(), ModelFamily.of("mistral-large"));
        assertFalse(ModelFamily.OPENAI.serves("echo"));
    }
}
