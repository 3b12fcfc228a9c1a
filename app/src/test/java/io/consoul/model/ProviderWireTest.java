package io.consoul.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.consoul.web.ApiErrors;
import io.consoul.web.ApiException;
import io.consoul.web.ErrorCode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each real provider, built exactly as {@link ModelConfig} builds it (Spring AI model, {@link SpringAiProvider},
 * {@link GuardedProvider}), against a local stand-in that speaks that provider's wire format over real HTTP.
 */
class ProviderWireTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(800);
    private static final List<ModelMessage> CONVERSATION = List.of(
            new ModelMessage("system", "Be brief."),
            ModelMessage.user("Hi"),
            ModelMessage.assistant("Hello!"),
            ModelMessage.user("Tell me a joke"));
    private static final List<String> CONVERSATION_ON_THE_WIRE = List.of(
            "system: Be brief.", "user: Hi", "assistant: Hello!", "user: Tell me a joke");
    private static final String JOKE = "Why did the chicken cross the road?";

    private final ExecutorService calls = Executors.newCachedThreadPool();
    private StandIn standIn;

    static Stream<Arguments> providers() {
        return WireFormat.all().stream().map(w -> Arguments.of(Named.of(w.family().providerName(), w)));
    }

    static Stream<Arguments> providersWithKeys() {
        return providers().filter(a -> ((Named<?>) a.get()[0]).getPayload() instanceof WireFormat w
                && w.family() != ModelFamily.OLLAMA);
    }

    @BeforeEach
    void startStandIn() throws Exception {
        standIn = StandIn.start();
    }

    @AfterEach
    void stop() {
        standIn.close();
        calls.shutdownNow();
    }

    private GuardedProvider provider(WireFormat wire, Duration timeout) {
        var chatModel = ChatModels.configured(wire.endpoints(standIn.baseUrl()), timeout).get(wire.family());
        return new GuardedProvider(new SpringAiProvider(wire.family(), chatModel), timeout, GuardedProvider.BREAKER,
                calls);
    }

    private static ModelRouter routerOf(ModelProvider provider, WireFormat wire) {
        return new ModelRouter(List.of(provider), wire.model());
    }

    private void replyWith(WireFormat wire, String text) {
        standIn.respond((request, exchange) ->
                StandIn.send(exchange, 200, "application/json", wire.reply(wire.model(), text, 21, 9)));
    }

    @ParameterizedTest(name = "{0}: reply text and token usage come through")
    @MethodSource("providers")
    void replyTextAndTokenUsageComeThrough(WireFormat wire) {
        replyWith(wire, JOKE);

        Completion completion = provider(wire, TIMEOUT).complete(wire.model(), CONVERSATION);

        assertEquals(JOKE, completion.text());
        assertEquals(21, completion.inputTokens());
        assertEquals(9, completion.outputTokens());
    }

    @ParameterizedTest(name = "{0}: the request carries the model name and the whole conversation")
    @MethodSource("providers")
    void requestCarriesModelAndConversation(WireFormat wire) {
        replyWith(wire, JOKE);

        provider(wire, TIMEOUT).complete(wire.model(), CONVERSATION);

        StandIn.Request request = standIn.lastRequest();
        assertEquals(wire.path(), request.path());
        JsonNode body = request.json();
        assertEquals(wire.model(), body.path("model").asText());
        assertEquals(CONVERSATION_ON_THE_WIRE, wire.conversation(body));
    }

    @ParameterizedTest(name = "{0}: the request carries the API key in the provider's header")
    @MethodSource("providersWithKeys")
    void requestCarriesApiKey(WireFormat wire) {
        replyWith(wire, JOKE);

        provider(wire, TIMEOUT).complete(wire.model(), CONVERSATION);

        assertEquals(WireFormat.KEY, wire.apiKey(standIn.lastRequest()));
    }

    @ParameterizedTest(name = "{0}: streaming hands over each piece, in order, before the provider sends the next")
    @MethodSource("providers")
    void streamingDeliversPiecesInOrderAsTheyArrive(WireFormat wire) {
        List<String> pieces = List.of("Why", " did", " the chicken", " cross the road?");
        List<CountDownLatch> handedOver = pieces.stream().map(p -> new CountDownLatch(1)).toList();
        AtomicBoolean sentBeforePreviousWasHandedOver = new AtomicBoolean();
        standIn.respond((request, exchange) -> {
            WireFormat.Stream stream = wire.stream(wire.model(), pieces, 21, 9);
            StandIn.Chunks out = StandIn.chunked(exchange, stream.contentType());
            for (String event : stream.head()) out.send(event);
            for (int i = 0; i < pieces.size(); i++) {
                out.send(stream.pieces().get(i));
                if (!handedOver.get(i).await(5, TimeUnit.SECONDS)) sentBeforePreviousWasHandedOver.set(true);
            }
            for (String event : stream.tail()) out.send(event);
        });
        List<String> received = new CopyOnWriteArrayList<>();

        Completion completion = provider(wire, TIMEOUT).stream(wire.model(), CONVERSATION, piece -> {
            int index = received.size();
            received.add(piece);
            if (index < handedOver.size()) handedOver.get(index).countDown();
        });

        assertEquals(pieces, received);
        assertFalse(sentBeforePreviousWasHandedOver.get(), "a piece reached onToken only after later ones were sent");
        assertEquals(String.join("", pieces), completion.text());
        assertEquals(21, completion.inputTokens());
        assertEquals(9, completion.outputTokens());
        JsonNode body = standIn.lastRequest().json();
        assertTrue(body.path("stream").asBoolean(), "stream request must ask for a stream");
        assertEquals(wire.model(), body.path("model").asText());
        assertEquals(CONVERSATION_ON_THE_WIRE, wire.conversation(body));
    }

    @ParameterizedTest(name = "{0}: a provider that stalls past the timeout gives a timeout, a 504 to the client")
    @MethodSource("providers")
    void stalledReplyTimesOut(WireFormat wire) {
        standIn.stall();
        GuardedProvider provider = provider(wire, SHORT_TIMEOUT);

        long start = System.nanoTime();
        ModelException e = assertThrows(ModelException.class, () -> provider.complete(wire.model(), CONVERSATION));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(e.timeout());
        assertTrue(waited.compareTo(SHORT_TIMEOUT.multipliedBy(3)) < 0, "gave up only after " + waited);
        ApiException api = ApiErrors.of(assertThrows(ModelException.class,
                () -> routerOf(provider, wire).complete(wire.model(), CONVERSATION)));
        assertEquals(ErrorCode.MODEL_PROVIDER_TIMEOUT, api.errorCode());
    }

    @ParameterizedTest(name = "{0}: a stream that stalls after its first piece times out, a 504 to the client")
    @MethodSource("providers")
    void stalledStreamTimesOut(WireFormat wire) {
        standIn.respond((request, exchange) -> {
            WireFormat.Stream stream = wire.stream(wire.model(), List.of("Why", " never"), 21, 9);
            StandIn.Chunks out = StandIn.chunked(exchange, stream.contentType());
            for (String event : stream.head()) out.send(event);
            out.send(stream.pieces().get(0));
            standIn.hang();
        });
        GuardedProvider provider = provider(wire, SHORT_TIMEOUT);
        List<String> received = new CopyOnWriteArrayList<>();

        ModelException e = assertThrows(ModelException.class,
                () -> provider.stream(wire.model(), CONVERSATION, received::add));

        assertTrue(e.timeout());
        assertEquals(List.of("Why"), received);
        ApiException api = ApiErrors.of(assertThrows(ModelException.class,
                () -> routerOf(provider, wire).stream(wire.model(), CONVERSATION, piece -> {})));
        assertEquals(ErrorCode.MODEL_PROVIDER_TIMEOUT, api.errorCode());
    }

    @ParameterizedTest(name = "{0}: repeated failures open the breaker; the next call fails fast without reaching it")
    @MethodSource("providers")
    void repeatedFailuresOpenTheBreaker(WireFormat wire) {
        standIn.respond((request, exchange) ->
                StandIn.send(exchange, 500, "application/json", wire.error("overloaded")));
        GuardedProvider provider = provider(wire, TIMEOUT);
        int failuresToOpen = GuardedProvider.BREAKER.getMinimumNumberOfCalls();

        for (int i = 0; i < failuresToOpen; i++) {
            ModelException e = assertThrows(ModelException.class, () -> provider.complete(wire.model(), CONVERSATION));
            assertFalse(e.timeout());
        }
        assertEquals(failuresToOpen, standIn.requests().size());
        assertEquals(CircuitBreaker.State.OPEN, provider.breakerState());

        long start = System.nanoTime();
        ModelException fast = assertThrows(ModelException.class, () -> provider.complete(wire.model(), CONVERSATION));
        assertFalse(fast.timeout());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 100, "an open breaker must fail fast");
        ApiException api = ApiErrors.of(assertThrows(ModelException.class,
                () -> routerOf(provider, wire).stream(wire.model(), CONVERSATION, piece -> {})));
        assertEquals(ErrorCode.CIRCUIT_BREAKER_OPEN, api.errorCode(), "503 E206, as the reference answers an open breaker");
        assertEquals(failuresToOpen, standIn.requests().size(), "an open breaker must not reach the provider");
    }

    @ParameterizedTest(name = "{0}: the provider's error text and the API key never reach the client")
    @MethodSource("providers")
    void providerErrorTextStaysOutOfTheResponse(WireFormat wire) {
        String detail = "upstream shard 7 failed for key " + WireFormat.KEY;
        standIn.respond((request, exchange) -> StandIn.send(exchange, 500, "application/json", wire.error(detail)));

        ApiException api = ApiErrors.of(assertThrows(ModelException.class,
                () -> routerOf(provider(wire, TIMEOUT), wire).complete(wire.model(), CONVERSATION)));

        assertEquals(ErrorCode.MODEL_PROVIDER_ERROR, api.errorCode());
        String clientSees = api.getMessage() + " " + api.details();
        assertFalse(clientSees.contains("shard 7"), clientSees);
        assertFalse(clientSees.contains(WireFormat.KEY), clientSees);
    }
}
