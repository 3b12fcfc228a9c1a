package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consoul.compat.Reference.Server;
import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * More of {@code tests/server/test_redis_fallback.py} ({@code TestResilientSessionStore} and the settings'
 * bounds), through HTTP: what a client sees while sessions fall back to memory, and when Redis comes back.
 */
class RedisFallbackMoreTest {

    @Test
    @DisplayName("test_redis_fallback.py::TestResilientSessionStore::test_initialization_with_unavailable_redis_and_fallback_enabled")
    void startsWithFallback() {
        assertThat(RedisFallbackTest.degraded().get("/ready").status()).isEqualTo(200);
    }

    /** Difference on purpose: without fallback we start too, not ready until Redis answers. */
    @Test
    @DisplayName("test_redis_fallback.py::TestResilientSessionStore::test_initialization_with_unavailable_redis_and_fallback_disabled")
    void startsWithoutFallbackNotReady() {
        assertThat(Servers.deadSessionStore().get("/ready").status()).isEqualTo(503);
    }

    @Test
    @DisplayName("test_redis_fallback.py::TestRedisFallbackDisabled::test_default_fallback_is_false")
    void fallbackOffByDefault() {
        assertThat(Servers.deadSessionStore().chat("x", "hi").json().get("error").asString()).isEqualTo("session_storage_unavailable");
    }

    @Test
    @DisplayName("test_redis_fallback.py::TestResilientSessionStore::test_save_and_load_in_degraded_mode")
    void saveAndLoad() {
        Server server = RedisFallbackTest.degraded();
        String id = Reference.unique("saved");
        server.chat(id, "kept");
        assertThat(server.get("/sessions/" + id).json().at("/messages/0/content").asString()).isEqualTo("kept");
    }

    @Test
    @DisplayName("test_redis_fallback.py::TestResilientSessionStore::test_delete_in_degraded_mode")
    void delete() {
        Server server = RedisFallbackTest.degraded();
        String id = Reference.unique("deleted");
        server.chat(id, "x");
        assertThat(server.delete("/sessions/" + id).status()).isEqualTo(200);
        assertThat(server.get("/sessions/" + id).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("test_redis_fallback.py::TestResilientSessionStore::test_exists_in_degraded_mode")
    void exists() {
        Server server = RedisFallbackTest.degraded();
        String id = Reference.unique("exists");
        assertThat(server.get("/sessions/" + id).status()).isEqualTo(404);
        server.chat(id, "x");
        assertThat(server.get("/sessions/" + id).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_redis_fallback.py::TestResilientSessionStore::test_metrics_callback_called_on_degradation")
    void degradedMetric() {
        Server server = RedisFallbackTest.degraded();
        server.chat(Reference.unique("metric"), "x");
        assertThat(Scrape.value(server, "consoul_redis_degraded", Map.of())).isEqualTo(1.0);
    }

    /** Redis appears after start-up: new writes go to it, the gauge clears and a recovery is counted. */
    @Test
    @DisplayName("test_redis_fallback.py::TestResilientSessionStore::test_recovery_respects_interval")
    void recovers() {
        int port = RedisServer.freePort();
        try (ConsoulInstance app = ConsoulInstance.start(Map.of("CONSOUL_SESSION_REDIS_URL", "redis://127.0.0.1:" + port,
                "CONSOUL_REDIS_FALLBACK_ENABLED", "true"))) {
            Server server = new Server(app, null, null);
            assertThat(server.chat(Reference.unique("before"), "x").status()).isEqualTo(200);
            assertThat(Scrape.value(server, "consoul_redis_degraded", Map.of())).isEqualTo(1.0);
            try (RedisServer redis = RedisServer.launchOn(port)) {
                String id = Reference.unique("after");
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                    server.chat(id, "x");
                    return Resp.run(port, 0, "EXISTS consoul:session:" + id).get(0).equals(":1");
                });
                assertThat(Scrape.value(server, "consoul_redis_degraded", Map.of())).isZero();
                assertThat(Scrape.value(server, "consoul_redis_recovered_total", Map.of())).isEqualTo(1.0);
            }
        }
    }

    @Test
    @DisplayName("test_redis_fallback.py::TestMetricsCallbackIntegration::test_callback_format")
    void metricsFamilies() {
        String exposition = Http.get(RedisFallbackTest.degraded().app.metricsUrl()).body();
        assertThat(exposition).contains("# TYPE consoul_redis_degraded gauge").contains("# TYPE consoul_redis_recovered_total counter");
    }

    @Test
    @DisplayName("test_redis_fallback.py::TestSessionConfigModel::test_valid_reconnect_interval")
    void reconnectIntervalInSeconds() {
        // The test support pins the interval to 500ms; hand the setting back to the variable, as application.properties maps it.
        try (ConsoulInstance app = ConsoulInstance.start(Map.of("CONSOUL_REDIS_RECONNECT_INTERVAL", "30",
                "consoul.redis-reconnect-interval", "${CONSOUL_REDIS_RECONNECT_INTERVAL}"))) {
            assertThat(app.context().getBean(io.consoul.config.ConsoulProperties.class).redisReconnectInterval())
                    .isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    @DisplayName("test_session_gc.py::TestSessionConfigGCFields::test_gc_batch_size_zero_invalid")
    void gcBatchZero() {
        assertThatThrownBy(() -> ConsoulInstance.start(Map.of("CONSOUL_SESSION_GC_BATCH_SIZE", "0")).close())
                .hasStackTraceContaining("CONSOUL_SESSION_GC_BATCH_SIZE");
    }

    @Test
    @DisplayName("test_session_gc.py::TestSessionConfigGCFields::test_gc_batch_size_exceeds_max_invalid")
    void gcBatchTooLarge() {
        assertThatThrownBy(() -> ConsoulInstance.start(Map.of("CONSOUL_SESSION_GC_BATCH_SIZE", "10001")).close())
                .hasStackTraceContaining("CONSOUL_SESSION_GC_BATCH_SIZE");
    }

    @Test
    @DisplayName("test_session_gc.py::TestSessionConfigGCFields::test_gc_interval_negative_invalid")
    void gcIntervalNegative() {
        assertThatThrownBy(() -> ConsoulInstance.start(Map.of("CONSOUL_SESSION_GC_INTERVAL", "-1")).close())
                .hasStackTraceContaining("CONSOUL_SESSION_GC_INTERVAL");
    }

    /** The clean-up runs on its interval: an orphaned session key (no TTL, old) disappears by itself. */
    @Test
    @DisplayName("test_session_gc.py::TestFactoryGCTaskIntegration::test_gc_task_created_when_interval_positive")
    void gcRuns() {
        Server server = Reference.configured("gc-every-second", null, true, Map.of("CONSOUL_SESSION_GC_INTERVAL", "1",
                "CONSOUL_SESSION_GC_BATCH_SIZE", "10000"));
        String key = "consoul:session:" + Reference.unique("orphan");
        server.redis("SET " + key + " {\"created_at\":1.0}");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> server.redis("EXISTS " + key).get(0).equals(":0"));
    }
}
