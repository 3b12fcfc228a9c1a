package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Ported from {@code tests/server/test_sse_endpoint.py}: the frames read off a real {@code /chat/stream}. */
class SseEndpointTest {
    record Frame(String raw, String event, JsonNode data) {}

    static List<Frame> frames(String body) {
        List<Frame> frames = new ArrayList<>();
        for (String raw : body.split("(?<=\n\n)")) {
            if (raw.isBlank()) continue;
            String[] lines = raw.split("\n");
            frames.add(new Frame(raw, lines[0].substring("event: ".length()), Http.JSON.readTree(lines[1].substring("data: ".length()))));
        }
        return frames;
    }

    static List<Frame> stream(Server server, Map<String, String> body) {
        Http.Response r = server.postJson("/chat/stream", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/event-stream");
        return frames(r.body());
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_sse_endpoint.py::TestSSEEventFormatting::test_token_event_format")
    void tokenFormat(Mode mode) {
        Frame token = stream(Reference.server(mode), Map.of("session_id", Reference.unique("sse"), "message", "Hello")).get(0);
        assertThat(token.raw()).startsWith("event: token\n").contains("data: ").endsWith("\n\n");
        assertThat(token.data().propertyNames()).containsExactly("text");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_sse_endpoint.py::TestSSEEventFormatting::test_done_event_format")
    void doneFormat(Mode mode) {
        String id = Reference.unique("sse");
        List<Frame> frames = stream(Reference.server(mode), Map.of("session_id", id, "message", "Hello"));
        Frame done = frames.get(frames.size() - 1);
        assertThat(done.raw()).startsWith("event: done\n");
        assertThat(done.data().get("session_id").asString()).isEqualTo(id);
        assertThat(done.data().at("/usage/total_tokens").asInt()).isPositive();
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_sse_endpoint.py::TestSSEEventFormatting::test_error_event_format")
    void errorFormat(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("sse-error");
        server.postJson("/chat", Map.of("session_id", id, "message", "hi", "model", Reference.FAILING_MODEL));
        List<Frame> frames = stream(server, Map.of("session_id", id, "message", Reference.FAIL));
        Frame error = frames.get(frames.size() - 1);
        assertThat(error.raw()).startsWith("event: error\n");
        assertThat(error.data().get("code").asString()).isEqualTo("E209");
        assertThat(error.data().get("error").asString()).isEqualTo("model_provider_error");
        assertThat(error.data().get("message").asString()).isNotBlank();
        assertThat(error.data().get("recoverable").isBoolean()).isTrue();
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_sse_endpoint.py::TestSSEEventFormatting::test_unicode_in_token_event")
    void unicode(Mode mode) {
        StringBuilder text = new StringBuilder();
        stream(Reference.server(mode), Map.of("session_id", Reference.unique("sse"), "message", "Hello 世界 🌍")).stream()
                .filter(f -> f.event().equals("token")).forEach(f -> text.append(f.data().get("text").asString()));
        assertThat(text.toString()).isEqualTo("Echo: Hello 世界 🌍");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_sse_endpoint.py::TestSSEEndpointExists::test_chat_stream_endpoint_registered")
    void registered(Mode mode) {
        assertThat(Reference.server(mode).post("/chat/stream", Http.chatBody(Reference.unique("s"), "hi")).status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_sse_endpoint.py::TestSSEEndpointExists::test_chat_stream_requires_post_method")
    void requiresPost(Mode mode) {
        assertThat(Reference.server(mode).get("/chat/stream").status()).isEqualTo(405);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_sse_endpoint.py::TestSSERequestValidation::test_missing_session_id_returns_422")
    void missingSessionId(Mode mode) {
        assertThat(Reference.server(mode).postJson("/chat/stream", Map.of("message", "Hello")).status()).isEqualTo(422);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_sse_endpoint.py::TestSSERequestValidation::test_missing_message_returns_422")
    void missingMessage(Mode mode) {
        assertThat(Reference.server(mode).postJson("/chat/stream", Map.of("session_id", "test")).status()).isEqualTo(422);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_sse_endpoint.py::TestSSERequestValidation::test_empty_session_id_returns_422")
    void emptySessionId(Mode mode) {
        assertThat(Reference.server(mode).postJson("/chat/stream", Map.of("session_id", "", "message", "Hello")).status()).isEqualTo(422);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_sse_endpoint.py::TestSSERequestValidation::test_empty_message_returns_422")
    void emptyMessage(Mode mode) {
        assertThat(Reference.server(mode).postJson("/chat/stream", Map.of("session_id", "test", "message", "")).status()).isEqualTo(422);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_NO_KEYS", "REDIS_NO_KEYS"})
    @DisplayName("test_sse_endpoint.py::TestSSEAuthentication::test_chat_stream_works_without_auth_configured")
    void worksWithoutAuth(Mode mode) {
        assertThat(Http.post(Reference.server(mode).url() + "/chat/stream", Http.chatBody(Reference.unique("s"), "hi")).status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_sse_endpoint.py::TestSSEAuthentication::test_chat_stream_requires_auth_when_configured")
    void requiresAuth(Mode mode) {
        assertThat(Http.post(Reference.server(mode).url() + "/chat/stream", Http.chatBody("s", "hi")).status()).isEqualTo(401);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_sse_endpoint.py::TestSSEAuthentication::test_chat_stream_succeeds_with_valid_api_key")
    void succeedsWithKey(Mode mode) {
        assertThat(Http.post(Reference.server(mode).url() + "/chat/stream?api_key=" + Reference.KEY,
                Http.chatBody(Reference.unique("s"), "hi")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_sse_endpoint.py::TestSSEOpenAPIDocumentation::test_chat_stream_in_openapi_schema")
    void inOpenApi() {
        assertThat(Servers.openApi().at("/paths/~1chat~1stream").has("post")).isTrue();
    }

    @Test
    @DisplayName("test_sse_endpoint.py::TestSSEOpenAPIDocumentation::test_chat_stream_response_documented")
    void responseDocumented() {
        assertThat(Servers.openApi().at("/paths/~1chat~1stream/post/responses").has("200")).isTrue();
    }

    @Test
    @DisplayName("test_sse_endpoint.py::TestSSEOpenAPIDocumentation::test_chat_stream_uses_chat_request")
    void usesChatRequest() {
        JsonNode body = Servers.openApi().at("/paths/~1chat~1stream/post/requestBody");
        assertThat(body.get("required").asBoolean()).isTrue();
        JsonNode schema = body.at("/content/application~1json/schema");
        assertThat(schema.has("$ref") || schema.has("properties")).isTrue();
    }

    @Test
    @DisplayName("test_sse_endpoint.py::TestSSEOpenAPIDocumentation::test_chat_stream_422_documented")
    void documents422() {
        assertThat(Servers.openApi().at("/paths/~1chat~1stream/post/responses").has("422")).isTrue();
    }

    @Test
    @DisplayName("test_sse_endpoint.py::TestHealthEndpointIncludesSSE::test_health_shows_zero_connections_initially")
    void zeroConnectionsInitially() {
        assertThat(Servers.unchecked().get("/health").json().get("connections").asInt()).isZero();
    }

    /** A stream held open by a slow echo model is counted while it runs. */
    @Test
    @DisplayName("test_sse_endpoint.py::TestHealthEndpointIncludesSSE::test_health_counts_sse_connections")
    void countsConnections() throws Exception {
        Server slow = Reference.configured("slow-echo", null, false, Map.of("CONSOUL_ECHO_TOKEN_DELAY", "300ms", "CONSOUL_RATE_LIMIT", "1000/minute"));
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> slow.post("/chat/stream", Http.chatBody("slow", "a b c d e f g h")));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> slow.get("/health").json().get("connections").asInt() >= 1);
        assertThat(running.get().status()).isEqualTo(200);
    }
}
