package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Ported from {@code tests/server/test_integration.py} (its WebSocket cases are in {@link WebSocketEndpointTest}). */
class IntegrationTest {

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_integration.py::TestHealthEndpoints::test_health_returns_ok_with_required_fields")
    void health(Mode mode) {
        JsonNode data = Http.get(Reference.server(mode).url() + "/health").json();
        assertThat(data.get("status").asString()).isEqualTo("ok");
        assertThat(data.propertyNames()).contains("service", "version", "timestamp");
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_integration.py::TestHealthEndpoints::test_health_bypasses_auth")
    void healthBypassesAuth(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/health").status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_integration.py::TestHealthEndpoints::test_ready_returns_checks")
    void readyChecks(Mode mode) {
        Http.Response r = Http.get(Reference.server(mode).url() + "/ready");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("checks").isObject()).isTrue();
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_integration.py::TestAuthentication::test_chat_without_auth_returns_401")
    void chatWithoutKey(Mode mode) {
        Http.Response r = Http.post(Reference.server(mode).url() + "/chat", Http.chatBody("test", "Hello"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("ApiKey name=X-API-Key");
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_integration.py::TestAuthentication::test_chat_with_invalid_key_returns_401")
    void chatWithWrongKey(Mode mode) {
        assertThat(Http.post(Reference.server(mode).url() + "/chat", Http.chatBody("test", "Hello"), "X-API-Key", "wrong").status())
                .isEqualTo(401);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_integration.py::TestAuthentication::test_chat_with_valid_key_succeeds")
    void chatWithKey(Mode mode) {
        assertThat(Http.post(Reference.server(mode).url() + "/chat", Http.chatBody(Reference.unique("t"), "Hello"),
                "X-API-Key", Reference.KEY).status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_integration.py::TestChatSession::test_new_session_created")
    void newSession(Mode mode) {
        String id = Reference.unique("new-session");
        JsonNode data = Reference.server(mode).chat(id, "Hello").json();
        assertThat(data.get("session_id").asString()).isEqualTo(id);
        assertThat(data.propertyNames()).contains("response", "model", "usage");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_integration.py::TestChatSession::test_session_persists_across_requests")
    void sessionPersists(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("persist-test");
        assertThat(server.chat(id, "Hello").status()).isEqualTo(200);
        Http.Response second = server.chat(id, "Follow up");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().at("/usage/input_tokens").asInt()).as("the history is part of the prompt")
                .isGreaterThan(server.chat(Reference.unique("fresh"), "Follow up").json().at("/usage/input_tokens").asInt());
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_integration.py::TestChatSession::test_response_format_complete")
    void responseFormat(Mode mode) {
        assertThat(Reference.server(mode).chat(Reference.unique("format-test"), "Test").json().propertyNames())
                .contains("session_id", "response", "model", "usage", "timestamp");
    }

    @Test
    @DisplayName("test_integration.py::TestRateLimiting::test_rate_limiter_configured")
    void rateLimiterConfigured() {
        Http.Response r = Servers.strict().get("/sessions/" + Reference.unique("nothing"));
        assertThat(r.header("X-RateLimit-Limit")).isEqualTo("1");
    }

    @Test
    @DisplayName("test_integration.py::TestRateLimiting::test_health_bypasses_rate_limit")
    void healthNotLimited() {
        for (int i = 0; i < 10; i++) {
            Http.Response r = Servers.strict().get("/health");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-RateLimit-Limit")).isNull();
        }
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_integration.py::TestErrorHandling::test_missing_message_returns_422")
    void missingMessage(Mode mode) {
        assertThat(Reference.server(mode).postJson("/chat", Map.of("session_id", "test")).status()).isEqualTo(422);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_integration.py::TestErrorHandling::test_missing_session_id_returns_422")
    void missingSessionId(Mode mode) {
        assertThat(Reference.server(mode).postJson("/chat", Map.of("message", "Hello")).status()).isEqualTo(422);
    }

    /** Difference on purpose: 502 model_provider_error where the reference answers 500. */
    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_integration.py::TestErrorHandling::test_sdk_error_returns_500")
    void sdkError(Mode mode) {
        Http.Response r = Reference.server(mode).postJson("/chat",
                Map.of("session_id", Reference.unique("error-test"), "message", Reference.FAIL, "model", Reference.FAILING_MODEL));
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.json().get("code").asString()).isEqualTo("E209");
    }
}
