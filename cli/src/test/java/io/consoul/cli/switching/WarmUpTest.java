package io.consoul.cli.switching;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.consoul.support.ConsoulInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The switch's warm-up (bake) against a real instance of the API and against stand-in colours that are cold, failing or limited. */
@Timeout(120)
class WarmUpTest {
    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("with an API key: /chat turns on a real instance, at least the per-instance count for every instance, nothing failed")
    void chatWarmUpOnARealInstance() {
        try (ConsoulInstance colour = ConsoulInstance.start(Map.of("consoul.version", "1.1.0", "consoul.api-keys", "warm-key",
                "consoul.rate-limit", "100000/minute"))) {
            WarmUp.Result result = new WarmUp(new PreviewReach.Endpoint(colour.url(), Map.of()), "warm-key", 40,
                    Duration.ofSeconds(60)).run(2);
            assertNull(result.failure());
            assertTrue(result.sent() >= 80, "2 instances × 40: " + result);
            assertTrue(result.roundP90s().size() >= 2, result.toString());
        }
    }

    @Test
    @DisplayName("a cold colour (200 ms at first, twice as fast every 25 answers) is warmed past its minimum for as long "
            + "as it keeps getting faster")
    void goesOnUntilTheAnswersStopGettingFaster() throws IOException {
        // Halving per round: each round is 50 % faster than the one before, far beyond any noise of a busy machine.
        serve(n -> 200 >> Math.min(8, n / WarmUp.ROUND_PER_INSTANCE), n -> 200);
        WarmUp.Result result = warmUp(25, 1, Duration.ofSeconds(60));
        assertEquals("settled", result.ending(), result.toString());
        assertTrue(result.sent() >= 100 && served.get() >= 100, "past the 200, 100, 50 and 25 ms rounds, not just the minimum of 25: " + result);
        double first = result.roundP90s().get(0);
        double last = result.roundP90s().get(result.roundP90s().size() - 1);
        // Measured times carry the machine's own delay on top of the stand-in's (tens of ms on a busy machine): compare
        // rounds, not absolute figures.
        assertTrue(first >= 200 && last < first, "cold first round, faster last one: " + result.roundP90s());
    }

    @Test
    @DisplayName("at least the per-instance count for every instance even when the answers are fast from the start")
    void sendsTheMinimumForEveryInstance() throws IOException {
        serve(n -> 0, n -> 200);
        WarmUp.Result result = warmUp(100, 3, Duration.ofSeconds(60));
        assertEquals("settled", result.ending(), result.toString());
        assertTrue(result.sent() >= 300 && served.get() >= 300, result.toString());
    }

    @Test
    @DisplayName("settled: less than 10 % or 1 ms faster than the round before; slower counts as settled too")
    void settledRule() {
        assertFalse(WarmUp.stoppedGettingFaster(40, 34));
        assertTrue(WarmUp.stoppedGettingFaster(40, 37));
        assertTrue(WarmUp.stoppedGettingFaster(40, 60));
        assertTrue(WarmUp.stoppedGettingFaster(2.5, 1.8), "under 1 ms: noise");
        assertFalse(WarmUp.stoppedGettingFaster(3, 0.5));
    }

    @Test
    @DisplayName("a failing answer (HTTP 500) fails the warm-up, which the switch turns into a refusal")
    void aFailedRequestFailsTheWarmUp() throws IOException {
        serve(n -> 0, n -> n < 30 ? 200 : 500);
        WarmUp.Result result = warmUp(100, 1, Duration.ofSeconds(60));
        assertTrue(result.failed(), result.toString());
        assertTrue(result.failure().startsWith("HTTP 500"), result.failure());
    }

    @Test
    @DisplayName("a colour that stops answering fails the warm-up with 'no answer'")
    void noAnswerFailsTheWarmUp() throws IOException {
        serve(n -> 0, n -> 200);
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        server.stop(0);
        server = null;
        WarmUp.Result result = new WarmUp(new PreviewReach.Endpoint(url, Map.of()), null, 10, Duration.ofSeconds(10)).run(1);
        assertTrue(result.failed() && result.failure().startsWith("no answer"), result.toString());
    }

    @Test
    @DisplayName("the key's rate limit (429) ends the warm-up early without failing it")
    void rateLimitEndsItEarly() throws IOException {
        serve(n -> 0, n -> n < 40 ? 200 : 429);
        WarmUp.Result result = warmUp(100, 1, Duration.ofSeconds(60));
        assertFalse(result.failed(), result.toString());
        assertTrue(result.ending().contains("429"), result.ending());
        assertTrue(result.sent() < 100, result.toString());
    }

    @Test
    @DisplayName("a colour still getting faster at the timeout: the warm-up ends there, and the switch goes on")
    void endsAtTheTimeout() throws IOException {
        serve(n -> Math.max(0, 100 - n), n -> 200); // a first round of about 1.1 s (25 answers, 2 at a time)
        WarmUp.Result result = warmUp(1, 1, Duration.ofSeconds(1));
        assertFalse(result.failed(), result.toString());
        assertTrue(result.ending().startsWith("not settled after 1 s"), result.ending());
    }

    private WarmUp.Result warmUp(int perInstance, int instances, Duration timeout) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return new WarmUp(new PreviewReach.Endpoint(url, Map.of()), null, perInstance, timeout).run(instances);
    }

    /** A stand-in colour: answer n is delayed {@code millis(n)} ms (a cold JVM) and has status {@code status(n)}. */
    private void serve(IntFunction<Integer> millis, IntFunction<Integer> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> answer(exchange, millis, status));
        server.start();
    }

    private void answer(HttpExchange exchange, IntFunction<Integer> millis, IntFunction<Integer> status) throws IOException {
        int n = served.getAndIncrement();
        try {
            Thread.sleep(millis.apply(n)); // the stand-in's own slowness, not a test waiting for something
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = status.apply(n);
        String body = code == 200
                ? (exchange.getRequestURI().getPath().equals("/ready") ? "{\"status\":\"ready\"}"
                        : "{\"status\":\"ok\",\"service\":\"consoul\",\"version\":\"1.1.0\",\"timestamp\":\"2026-12-03T00:00:00Z\",\"connections\":0}")
                : "{\"error\":\"stand-in\",\"code\":\"E" + code + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
