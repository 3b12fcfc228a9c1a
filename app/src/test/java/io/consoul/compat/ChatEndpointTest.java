package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Ported from {@code tests/server/test_chat_endpoint.py}. */
class ChatEndpointTest {

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatEndpointExists::test_chat_endpoint_registered")
    void chatEndpointRegistered(Mode mode) {
        assertThat(Reference.server(mode).chat(Reference.unique("registered"), "Hi").status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatEndpointExists::test_chat_requires_post_method")
    void chatRequiresPost(Mode mode) {
        assertThat(Reference.server(mode).get("/chat").status()).isEqualTo(405);
    }

    static void assert422(Server server, Object body) {
        Http.Response r = server.postJson("/chat", body);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("error").asString()).isEqualTo("validation_error");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatRequestValidation::test_missing_session_id_returns_422")
    void missingSessionId(Mode mode) {
        Http.Response r = Reference.server(mode).postJson("/chat", Map.of("message", "Hello"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/fields").propertyNames()).as("named as the client sent it").containsExactly("session_id");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatRequestValidation::test_missing_message_returns_422")
    void missingMessage(Mode mode) {
        assert422(Reference.server(mode), Map.of("session_id", "test"));
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatRequestValidation::test_empty_session_id_returns_422")
    void emptySessionId(Mode mode) {
        Http.Response r = Reference.server(mode).postJson("/chat", Map.of("session_id", "", "message", "Hello"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/fields").propertyNames()).containsExactly("session_id");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatRequestValidation::test_empty_message_returns_422")
    void emptyMessage(Mode mode) {
        assert422(Reference.server(mode), Map.of("session_id", "test", "message", ""));
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatRequestValidation::test_session_id_max_length")
    void sessionIdMaxLength(Mode mode) {
        assert422(Reference.server(mode), Map.of("session_id", "a".repeat(129), "message", "Hello"));
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatRequestValidation::test_message_max_length")
    void messageMaxLength(Mode mode) {
        assert422(Reference.server(mode), Map.of("session_id", "test", "message", "a".repeat(32769)));
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatRequestValidation::test_valid_request_accepted")
    void validRequestAccepted(Mode mode) {
        assertThat(Reference.server(mode).chat(Reference.unique("test-session"), "Hi").status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatResponseSchema::test_success_response_schema")
    void successResponseSchema(Mode mode) {
        JsonNode data = Reference.server(mode).chat(Reference.unique("test"), "Hello").json();
        assertThat(data.propertyNames()).contains("session_id", "response", "model", "usage", "timestamp");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatResponseSchema::test_usage_fields_present")
    void usageFieldsPresent(Mode mode) {
        JsonNode usage = Reference.server(mode).chat(Reference.unique("test"), "Hello").json().get("usage");
        assertThat(usage.propertyNames()).contains("input_tokens", "output_tokens", "total_tokens", "estimated_cost");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatResponseSchema::test_timestamp_iso_format")
    void timestampIsoFormat(Mode mode) {
        String timestamp = Reference.server(mode).chat(Reference.unique("test"), "Hello").json().get("timestamp").asString();
        assertThat(OffsetDateTime.parse(timestamp.replace("Z", "+00:00"))).isNotNull();
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_NO_KEYS", "REDIS_NO_KEYS"})
    @DisplayName("test_chat_endpoint.py::TestChatAuthentication::test_chat_works_without_auth_configured")
    void worksWithoutAuth(Mode mode) {
        Http.Response r = Http.post(Reference.server(mode).url() + "/chat", Http.chatBody("test", "Hello"));
        assertThat(r.status()).isNotEqualTo(401).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_chat_endpoint.py::TestChatAuthentication::test_chat_requires_auth_when_configured")
    void requiresAuth(Mode mode) {
        Http.Response r = Http.post(Reference.server(mode).url() + "/chat", Http.chatBody("test", "Hello"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asString()).isEqualTo("invalid_api_key");
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_chat_endpoint.py::TestChatAuthentication::test_chat_succeeds_with_valid_api_key")
    void succeedsWithKey(Mode mode) {
        Http.Response r = Http.post(Reference.server(mode).url() + "/chat", Http.chatBody(Reference.unique("test"), "Hello"),
                "X-API-Key", Reference.KEY);
        assertThat(r.status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_chat_endpoint.py::TestChatAuthentication::test_chat_fails_with_invalid_api_key")
    void failsWithWrongKey(Mode mode) {
        Http.Response r = Http.post(Reference.server(mode).url() + "/chat", Http.chatBody("test", "Hello"),
                "X-API-Key", "invalid-key");
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    @DisplayName("test_chat_endpoint.py::TestChatRateLimiting::test_chat_is_rate_limited")
    void chatIsRateLimited() {
        Server strict = Servers.strict();
        String id = Reference.unique("limited");
        assertThat(strict.chat(id, "Hello").status()).isEqualTo(200);
        Http.Response second = strict.chat(id, "Hello again");
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.json().get("error").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(second.header("Retry-After")).isNotNull();
    }

    @Test
    @DisplayName("test_chat_endpoint.py::TestChatErrorHandling::test_storage_error_returns_503")
    void storageErrorIs503() {
        Http.Response r = Servers.deadSessionStore().chat("test", "Hello");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("error").asString()).isEqualTo("session_storage_unavailable");
        assertThat(r.json().get("retry_after").asInt()).isEqualTo(30);
    }

    /** Difference on purpose: a failed model call is 502 (the reference answers 500 internal_error). */
    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatErrorHandling::test_internal_error_returns_500")
    void failedModelCallIs502(Mode mode) {
        Http.Response r = Reference.server(mode).postJson("/chat",
                Map.of("session_id", Reference.unique("error"), "message", Reference.FAIL, "model", Reference.FAILING_MODEL));
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.json().get("error").asString()).isEqualTo("model_provider_error");
        assertThat(r.body()).doesNotContain("Connect").doesNotContain("Exception");
    }

    @Test
    @DisplayName("test_chat_endpoint.py::TestChatErrorHandling::test_error_response_schema")
    void errorResponseSchema() {
        JsonNode data = Servers.deadSessionStore().chat("test", "Hello").json();
        assertThat(data.propertyNames()).contains("error", "message", "timestamp", "code", "recoverable", "retry_after", "details");
    }

    /** The lock's purpose, over HTTP: concurrent turns on one session all land in its history. */
    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestSessionLockManager::test_concurrent_sessions_serialize")
    void concurrentTurnsOnOneSessionLoseNothing(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("concurrent");
        List<CompletableFuture<Http.Response>> calls = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> server.chat(id, "message " + i))).toList();
        calls.forEach(c -> assertThat(c.join().status()).isEqualTo(200));
        assertThat(server.get("/sessions/" + id).json().get("messages")).hasSize(12);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestSessionLockManager::test_different_sessions_parallel")
    void differentSessionsRunInParallel(Mode mode) {
        Server server = Reference.server(mode);
        List<CompletableFuture<Http.Response>> calls = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> server.chat(Reference.unique("parallel" + i), "hi"))).toList();
        calls.forEach(c -> assertThat(c.join().status()).isEqualTo(200));
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatSessionManagement::test_new_session_created")
    void newSessionCreated(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("new");
        assertThat(server.get("/sessions/" + id).status()).isEqualTo(404);
        assertThat(server.chat(id, "Hello").json().get("session_id").asString()).isEqualTo(id);
        assertThat(server.get("/sessions/" + id).json().get("messages")).hasSize(2);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatSessionManagement::test_existing_session_restored")
    void existingSessionRestored(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("existing");
        server.chat(id, "Hello");
        server.chat(id, "Again");
        JsonNode messages = server.get("/sessions/" + id).json().get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(2).get("content").asString()).isEqualTo("Again");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_chat_endpoint.py::TestChatSessionManagement::test_model_parameter_used_for_new_session")
    void modelAppliesToNewSessionsOnly(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("model");
        assertThat(server.postJson("/chat", Map.of("session_id", id, "message", "Hi", "model", "echo")).json()
                .get("model").asString()).isEqualTo("echo");
        Http.Response later = server.postJson("/chat", Map.of("session_id", id, "message", "Hi", "model", Reference.FAILING_MODEL));
        assertThat(later.status()).as("the session stays on its model").isEqualTo(200);
        assertThat(later.json().get("model").asString()).isEqualTo("echo");
    }

    @Test
    @DisplayName("test_chat_endpoint.py::TestOpenAPIDocumentation::test_chat_error_responses_documented")
    void errorResponsesDocumented() {
        JsonNode responses = Servers.openApi().at("/paths/~1chat/post/responses");
        assertThat(responses.propertyNames()).contains("503", "500");
    }

    @Test
    @DisplayName("test_chat_endpoint.py::TestOpenAPIDocumentation::test_chat_request_in_openapi_schema")
    void chatRequestInSchema() {
        JsonNode doc = Servers.openApi();
        assertThat(doc.at("/components/schemas/ChatRequest/properties").propertyNames()).contains("session_id", "message", "model");
        JsonNode body = doc.at("/paths/~1chat/post/requestBody");
        assertThat(body.get("required").asBoolean()).isTrue();
        assertThat(body.at("/content/application~1json/schema/$ref").asString()).isEqualTo("#/components/schemas/ChatRequest");
    }

    @Test
    @DisplayName("test_chat_endpoint.py::TestOpenAPIDocumentation::test_chat_422_documented")
    void chat422Documented() {
        assertThat(Servers.openApi().at("/paths/~1chat/post/responses").propertyNames()).contains("422");
    }

    static int unusedPort() {
        return RedisServer.freePort();
    }
}
