package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Ported from {@code tests/server/test_factory.py}: the HTTP-visible parts of the server factory. */
class FactoryTest {

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestHealthEndpoint::test_health_endpoint_exists")
    void healthExists(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/health").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestHealthEndpoint::test_health_endpoint_response")
    void healthResponse() {
        JsonNode data = Http.get(Servers.configured().url() + "/health").json();
        assertThat(data.get("status").asString()).isEqualTo("ok");
        assertThat(data.get("service").asString()).isEqualTo("Custom Service Name");
        assertThat(data.has("version")).isTrue();
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestHealthEndpoint::test_health_bypasses_auth")
    void healthBypassesAuth(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/health").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestHealthEndpoint::test_health_bypasses_rate_limiting")
    void healthBypassesRateLimiting() {
        for (int i = 0; i < 10; i++) assertThat(Http.get(Servers.strict().url() + "/health").status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestReadinessEndpoint::test_ready_endpoint_exists")
    void readyExists(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/ready").status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestReadinessEndpoint::test_ready_endpoint_no_dependencies")
    void readyBody(Mode mode) {
        JsonNode data = Http.get(Reference.server(mode).url() + "/ready").json();
        assertThat(data.get("status").asString()).isEqualTo("ready");
        assertThat(data.get("checks").isObject()).isTrue();
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestReadinessEndpoint::test_ready_bypasses_auth")
    void readyBypassesAuth(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/ready").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestReadinessEndpoint::test_ready_bypasses_rate_limiting")
    void readyBypassesRateLimiting() {
        for (int i = 0; i < 10; i++) assertThat(Http.get(Servers.strict().url() + "/ready").status()).isEqualTo(200);
    }

    /** Skipped in the reference (needs Redis); here Redis is real. */
    @ParameterizedTest @EnumSource(value = Mode.class, names = {"REDIS_NO_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestReadinessEndpoint::test_ready_redis_health_check")
    void readyChecksRedis(Mode mode) {
        JsonNode data = Http.get(Reference.server(mode).url() + "/ready").json();
        assertThat(data.at("/checks/redis").asBoolean()).isTrue();
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestAuthIntegration::test_auth_dependency_available")
    void authAppliesToChat(Mode mode) {
        assertThat(Http.post(Reference.server(mode).url() + "/chat", Http.chatBody("x", "y")).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("test_factory.py::TestEdgeCases::test_custom_bypass_paths")
    void customBypassPaths() {
        Server server = Servers.configured();
        assertThat(Http.post(server.url() + "/chat", Http.chatBody("bypass", "hi")).status()).isEqualTo(401);
        assertThat(Http.post(server.url() + "/chat/stream", Http.chatBody(Reference.unique("bypass"), "hi")).status())
                .as("/chat/stream is in CONSOUL_BYPASS_PATHS").isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestHealthEndpointSchema::test_health_response_schema")
    void healthSchema(Mode mode) {
        assertThat(Reference.server(mode).get("/health").json().propertyNames()).contains("status", "service", "version", "timestamp");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestHealthEndpointSchema::test_health_timestamp_format")
    void healthTimestamp(Mode mode) {
        assertThat(OffsetDateTime.parse(Reference.server(mode).get("/health").json().get("timestamp").asString())).isNotNull();
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestHealthEndpointSchema::test_health_status_always_ok")
    void healthAlwaysOk(Mode mode) {
        assertThat(Reference.server(mode).get("/health").json().get("status").asString()).isEqualTo("ok");
    }

    @Test
    @DisplayName("test_factory.py::TestHealthEndpointSchema::test_health_service_name_from_config")
    void serviceNameFromConfig() {
        assertThat(Servers.configured().get("/health").json().get("service").asString()).isEqualTo("Custom Service Name");
        assertThat(Reference.server(Mode.MEMORY_NO_KEYS).get("/health").json().get("service").asString()).isEqualTo("Consoul API");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestHealthEndpointSchema::test_health_version_populated")
    void versionPopulated(Mode mode) {
        assertThat(Reference.server(mode).get("/health").json().get("version").asString()).isNotBlank();
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestReadinessEndpointSchema::test_ready_response_schema_success")
    void readySchema(Mode mode) {
        JsonNode data = Reference.server(mode).get("/ready").json();
        assertThat(data.propertyNames()).contains("status", "checks", "timestamp");
        assertThat(data.get("status").asString()).isEqualTo("ready");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestReadinessEndpointSchema::test_ready_timestamp_format")
    void readyTimestamp(Mode mode) {
        assertThat(OffsetDateTime.parse(Reference.server(mode).get("/ready").json().get("timestamp").asString())).isNotNull();
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestReadinessEndpointSchema::test_ready_checks_field_present")
    void readyChecks(Mode mode) {
        assertThat(Reference.server(mode).get("/ready").json().get("checks").isObject()).isTrue();
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_NO_KEYS", "MEMORY_KEYS"})
    @DisplayName("test_factory.py::TestReadinessEndpointSchema::test_ready_no_dependencies_response")
    void readyWithoutDependencies(Mode mode) {
        Http.Response r = Reference.server(mode).get("/ready");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("ready");
    }

    /** Difference on purpose: we start without Redis and report not ready (the reference would not start). */
    @Test
    @DisplayName("test_factory.py::TestReadinessEndpointSchema::test_ready_response_schema_error")
    void readyWithRedisDown() {
        try (ConsoulInstance app = ConsoulInstance.start(Map.of("REDIS_URL", "redis://127.0.0.1:" + RedisServer.freePort()))) {
            Http.Response r = Http.get(app.url() + "/ready");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().propertyNames()).contains("status", "checks", "message", "timestamp");
            assertThat(r.json().get("status").asString()).isEqualTo("not_ready");
            assertThat(r.json().at("/checks/redis").asBoolean(true)).isFalse();
        }
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestAuthBypassVerification::test_health_accessible_without_api_key")
    void healthWithoutKey(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/health").status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestAuthBypassVerification::test_ready_accessible_without_api_key")
    void readyWithoutKey(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/ready").status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestAuthBypassVerification::test_health_bypasses_invalid_api_key")
    void healthWithWrongKey(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/health", "X-API-Key", "invalid-key").status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestAuthBypassVerification::test_ready_bypasses_invalid_api_key")
    void readyWithWrongKey(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/ready", "X-API-Key", "invalid-key").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestRateLimitExemptionVerification::test_health_never_rate_limited")
    void healthNeverLimited() {
        for (int i = 0; i < 20; i++) assertThat(Servers.strict().get("/health").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestRateLimitExemptionVerification::test_ready_never_rate_limited")
    void readyNeverLimited() {
        for (int i = 0; i < 20; i++) assertThat(Servers.strict().get("/ready").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestRateLimitExemptionVerification::test_health_exempt_with_strict_limits")
    void healthExemptStrict() {
        for (int i = 0; i < 5; i++) assertThat(Servers.configured().get("/health").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestRateLimitExemptionVerification::test_ready_exempt_with_strict_limits")
    void readyExemptStrict() {
        for (int i = 0; i < 5; i++) assertThat(Servers.configured().get("/ready").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestIntegration::test_full_server_startup")
    void fullServerStartup() {
        Server server = Servers.configured();
        assertThat(Http.get(server.url() + "/health").status()).isEqualTo(200);
        assertThat(Http.get(server.url() + "/ready").status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestIntegration::test_authenticated_workflow")
    void authenticatedWorkflow(Mode mode) {
        Server server = Reference.server(mode);
        assertThat(Http.get(server.url() + "/health").status()).isEqualTo(200);
        assertThat(Http.get(server.url() + "/ready").status()).isEqualTo(200);
        assertThat(Http.post(server.url() + "/chat", Http.chatBody("w", "hi")).status()).isEqualTo(401);
        assertThat(server.chat(Reference.unique("workflow"), "hi").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestIntegration::test_rate_limited_workflow")
    void rateLimitedWorkflow() {
        Server server = Servers.strict();
        String id = Reference.unique("workflow");
        Http.Response first = server.postJson("/chat/batch", Map.of("session_id", id, "messages", java.util.List.of(Map.of("content", "a"))));
        assertThat(first.status()).isEqualTo(200);
        assertThat(server.postJson("/chat/batch", Map.of("session_id", id, "messages", java.util.List.of(Map.of("content", "b")))).status())
                .isEqualTo(429);
        assertThat(server.get("/health").status()).isEqualTo(200);
    }
}
