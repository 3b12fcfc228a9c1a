package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Ported from {@code tests/server/test_circuit_breaker.py}: the breaker's states as a client and {@code /metrics}
 * see them, on one server with {@code CONSOUL_CIRCUIT_BREAKER_FAILURE_THRESHOLD=2}, {@code _SUCCESS_THRESHOLD=1},
 * {@code _TIMEOUT=1}. The tests run in order: each starts from the state the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CircuitBreakerTest {
    static final String SESSION = Reference.unique("breaker");
    static final Map<String, String> OPENAI = Map.of("provider", "openai");

    static Server server() {
        return Reference.configured("breaker", null, false, Map.of("CONSOUL_CIRCUIT_BREAKER_ENABLED", "true",
                "CONSOUL_CIRCUIT_BREAKER_FAILURE_THRESHOLD", "2", "CONSOUL_CIRCUIT_BREAKER_SUCCESS_THRESHOLD", "1",
                "CONSOUL_CIRCUIT_BREAKER_TIMEOUT", "1", "CONSOUL_RATE_LIMIT", "1000/minute"));
    }

    static Http.Response ask(String message) {
        return server().postJson("/chat", Map.of("session_id", SESSION, "message", message, "model", Reference.FAILING_MODEL));
    }

    static double metric(String name) {
        return Scrape.value(server(), name, OPENAI);
    }

    @Test @Order(1)
    @DisplayName("test_circuit_breaker.py::TestCircuitBreakerStates::test_initial_state_is_closed")
    void initiallyClosed() {
        assertThat(metric("consoul_circuit_breaker_state")).isZero();
    }

    @Test @Order(2)
    @DisplayName("test_circuit_breaker.py::TestCircuitBreakerRequestHandling::test_closed_allows_requests")
    void closedAllows() {
        assertThat(ask("hello").status()).isEqualTo(200);
    }

    @Test @Order(3)
    @DisplayName("test_circuit_breaker.py::TestCircuitBreakerStates::test_closed_to_open_after_threshold_failures")
    void opensAfterThreshold() {
        assertThat(ask(Reference.FAIL).status()).isEqualTo(502);
        assertThat(metric("consoul_circuit_breaker_state")).as("one failure of two").isZero();
        assertThat(ask(Reference.FAIL).status()).isEqualTo(502);
        assertThat(metric("consoul_circuit_breaker_trips_total")).isEqualTo(1.0);
    }

    @Test @Order(4)
    @DisplayName("test_circuit_breaker.py::TestCircuitBreakerMetrics::test_metrics_callback_on_open")
    void stateMetricOnOpen() {
        assertThat(metric("consoul_circuit_breaker_state")).isEqualTo(2.0);
    }

    @Test @Order(5)
    @DisplayName("test_circuit_breaker.py::TestCircuitBreakerRequestHandling::test_open_rejects_requests")
    void openRejects() {
        Http.Response r = ask("would succeed");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("code").asString()).isEqualTo("E206");
        assertThat(r.json().get("error").asString()).isEqualTo("circuit_breaker_open");
        assertThat(r.json().get("recoverable").asBoolean()).isTrue();
    }

    @Test @Order(6)
    @DisplayName("test_circuit_breaker.py::TestCircuitBreakerMetrics::test_rejection_callback_called")
    void rejectionsCounted() {
        assertThat(metric("consoul_circuit_breaker_rejections_total")).isEqualTo(1.0);
    }

    @Test @Order(7)
    @DisplayName("test_circuit_breaker.py::TestCircuitBreakerStates::test_open_to_half_open_after_timeout")
    void halfOpenAfterTimeout() {
        Awaitility.await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(ask("trial").status()).as("a trial call is let through").isEqualTo(200);
    }

    @Test @Order(8)
    @DisplayName("test_circuit_breaker.py::TestCircuitBreakerStates::test_half_open_to_closed_after_success_threshold")
    void closesAfterSuccessfulTrial() {
        assertThat(metric("consoul_circuit_breaker_state")).isZero();
        assertThat(ask("closed again").status()).isEqualTo(200);
    }

    @Test @Order(9)
    @DisplayName("test_circuit_breaker.py::TestCircuitBreakerMetrics::test_metrics_callback_on_closed")
    void stateMetricOnClosed() {
        assertThat(metric("consoul_circuit_breaker_state")).isZero();
    }

    @Test @Order(10)
    @DisplayName("test_circuit_breaker.py::TestCircuitBreakerStates::test_half_open_to_open_on_failure")
    void failedTrialOpensAgain() {
        ask(Reference.FAIL);
        ask(Reference.FAIL);
        assertThat(metric("consoul_circuit_breaker_trips_total")).isEqualTo(2.0);
        Awaitility.await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(ask(Reference.FAIL).status()).as("the trial fails").isEqualTo(502);
        assertThat(metric("consoul_circuit_breaker_trips_total")).isEqualTo(3.0);
        assertThat(ask("refused at once").status()).isEqualTo(503);
    }
}
