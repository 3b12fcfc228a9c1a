package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Ported from {@code tests/server/test_redis_fallback.py}: a session Redis that is not there at start-up. */
class RedisFallbackTest {

    static Server degraded() {
        return Reference.configured("fallback", null, false, Map.of(
                "CONSOUL_SESSION_REDIS_URL", "redis://127.0.0.1:" + RedisServer.freePort(),
                "CONSOUL_REDIS_FALLBACK_ENABLED", "true", "CONSOUL_RATE_LIMIT", "100000/minute"));
    }

    /** Difference on purpose: without fallback we start and report not ready (the reference refuses to start). */
    @Test
    @DisplayName("test_redis_fallback.py::TestRedisFallbackDisabled::test_redis_unavailable_raises_runtime_error")
    void withoutFallbackNotReady() {
        Server server = Servers.deadSessionStore();
        Http.Response ready = server.get("/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("status").asString()).isEqualTo("not_ready");
        assertThat(server.chat("x", "hi").status()).isEqualTo(503);
    }

    @Test
    @DisplayName("test_redis_fallback.py::TestRedisFallbackEnabled::test_redis_unavailable_starts_in_degraded_mode")
    void startsDegraded() {
        Server server = degraded();
        String id = Reference.unique("degraded");
        assertThat(server.chat(id, "hi").status()).isEqualTo(200);
        assertThat(server.chat(id, "again").status()).isEqualTo(200);
        assertThat(server.get("/sessions/" + id).json().get("messages")).as("kept in memory meanwhile").hasSize(4);
        assertThat(Scrape.value(server, "consoul_redis_degraded", Map.of())).isEqualTo(1.0);
    }

    @Test
    @DisplayName("test_redis_fallback.py::TestRedisFallbackEnabled::test_ready_endpoint_shows_degraded")
    void readyShowsDegraded() {
        Http.Response r = degraded().get("/ready");
        assertThat(r.status()).isEqualTo(200);
        JsonNode data = r.json();
        assertThat(data.at("/checks/session_store").asString()).isEqualTo("degraded");
        assertThat(data.get("message").asString()).isEqualTo("Running in fallback mode");
    }

    @Test
    @DisplayName("test_redis_fallback.py::TestRedisFallbackEnabled::test_health_endpoint_unaffected")
    void healthUnaffected() {
        Http.Response r = degraded().get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("ok");
    }
}
