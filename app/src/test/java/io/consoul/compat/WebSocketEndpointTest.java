package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Ported from {@code tests/server/test_websocket_endpoint.py} (and the WebSocket cases of {@code test_integration.py}),
 * with a real WebSocket client against the running server.
 */
class WebSocketEndpointTest {

    static String path(Server server, String sessionId) {
        return sessionId + (server.key == null ? "" : "?api_key=" + server.key);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_websocket_endpoint.py::TestWebSocketEndpointIntegration::test_health_includes_connections")
    void healthCountsConnections(Mode mode) {
        Server server = Reference.server(mode);
        int before = server.get("/health").json().get("connections").asInt();
        try (Socket ws = Socket.connect(server, path(server, Reference.unique("count")))) {
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> server.get("/health").json().get("connections").asInt() == before + 1);
        }
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> server.get("/health").json().get("connections").asInt() == before);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_websocket_endpoint.py::TestWebSocketEndpointIntegration::test_websocket_endpoint_exists")
    void endpointExists(Mode mode) {
        Server server = Reference.server(mode);
        assertThat(Socket.handshakeStatus(server, path(server, "exists"))).isEqualTo(101);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_websocket_endpoint.py::TestWebSocketEndpointIntegration::test_websocket_auth_required_when_configured")
    void authRequired(Mode mode) {
        Server server = Reference.server(mode);
        assertThat(Socket.handshakeStatus(server, "test-session")).as("no key").isEqualTo(403);
        assertThat(Socket.handshakeStatus(server, "test-session?api_key=wrong")).as("wrong key").isEqualTo(403);
        assertThat(Socket.handshakeStatus(server, "test-session?api_key=" + Reference.KEY)).isEqualTo(101);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_NO_KEYS", "REDIS_NO_KEYS"})
    @DisplayName("test_websocket_endpoint.py::TestWebSocketEndpointIntegration::test_websocket_no_auth_when_not_configured")
    void noAuthWhenOff(Mode mode) {
        assertThat(Socket.handshakeStatus(Reference.server(mode), "test-session")).isEqualTo(101);
    }

    /** A turn over the WebSocket is saved in the same session, in the same format, as one over HTTP. */
    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_websocket_endpoint.py::TestWebSocketSessionPersistence::test_session_state_format_compatible")
    void sessionsSharedWithHttp(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("shared");
        server.chat(id, "over http");
        try (Socket ws = Socket.connect(server, path(server, id))) {
            ws.send(Map.of("type", "message", "content", "over the socket"));
            assertThat(ws.receiveReply()).last().extracting(m -> m.get("type").asString()).isEqualTo("done");
        }
        JsonNode messages = server.get("/sessions/" + id).json().get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(2).get("content").asString()).isEqualTo("over the socket");
        assertThat(server.chat(id, "http again").status()).isEqualTo(200);
        assertThat(server.get("/sessions/" + id).json().get("messages")).hasSize(6);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_websocket_endpoint.py::TestWebSocketErrorHandling::test_invalid_message_type_returns_error")
    void unknownType(Mode mode) {
        Server server = Reference.server(mode);
        try (Socket ws = Socket.connect(server, path(server, "test-session"))) {
            ws.send(Map.of("type", "invalid_type"));
            JsonNode data = ws.receive();
            assertThat(data.get("type").asString()).isEqualTo("error");
            assertThat(data.at("/data/message").asString()).contains("Unknown message type");
            assertThat(data.at("/data/code").asString()).isEqualTo("E001");
        }
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_websocket_endpoint.py::TestWebSocketErrorHandling::test_empty_content_returns_error")
    void emptyContent(Mode mode) {
        Server server = Reference.server(mode);
        try (Socket ws = Socket.connect(server, path(server, "test-session"))) {
            ws.send(Map.of("type", "message", "content", ""));
            JsonNode data = ws.receive();
            assertThat(data.get("type").asString()).isEqualTo("error");
            assertThat(data.at("/data/message").asString()).contains("Invalid message content");
            ws.send(Map.of("type", "message", "content", "x".repeat(32769)));
            assertThat(ws.receive().at("/data/error").asString()).isEqualTo("field_validation_failed");
            ws.sendRaw("not json at all");
            assertThat(ws.receive().at("/data/error").asString()).as("no crash, the connection stays").isEqualTo("invalid_request_body");
        }
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_websocket_endpoint.py::TestWebSocketStreaming::test_tokens_streamed_to_client")
    void tokensStreamed(Mode mode) {
        Server server = Reference.server(mode);
        try (Socket ws = Socket.connect(server, path(server, Reference.unique("stream")))) {
            ws.send(Map.of("type", "message", "content", "Hello World"));
            List<JsonNode> reply = ws.receiveReply();
            StringBuilder text = new StringBuilder();
            reply.stream().filter(m -> m.get("type").asString().equals("token")).forEach(m -> text.append(m.at("/data/text").asString()));
            assertThat(text.toString()).isEqualTo("Echo: Hello World");
            assertThat(reply.get(reply.size() - 1).get("type").asString()).isEqualTo("done");
        }
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_websocket_endpoint.py::TestWebSocketProtocol::test_done_message_includes_usage")
    void doneHasUsage(Mode mode) {
        Server server = Reference.server(mode);
        try (Socket ws = Socket.connect(server, path(server, Reference.unique("done")))) {
            ws.send(Map.of("type", "message", "content", "Hi"));
            List<JsonNode> reply = ws.receiveReply();
            JsonNode done = reply.get(reply.size() - 1);
            assertThat(done.get("type").asString()).isEqualTo("done");
            assertThat(done.at("/data/usage").has("duration_ms")).isTrue();
            assertThat(done.at("/data/timestamp").asString()).isNotBlank();
        }
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_websocket_endpoint.py::TestWebSocketProtocol::test_token_message_format")
    void tokenFormat(Mode mode) {
        Server server = Reference.server(mode);
        try (Socket ws = Socket.connect(server, path(server, Reference.unique("token")))) {
            ws.send(Map.of("type", "message", "content", "Hi"));
            JsonNode first = ws.receive();
            assertThat(first.get("type").asString()).isEqualTo("token");
            assertThat(first.get("data").has("text")).isTrue();
        }
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_websocket_endpoint.py::TestWebSocketProtocol::test_error_message_format")
    void errorFormat(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("ws-error");
        server.postJson("/chat", Map.of("session_id", id, "message", "hi", "model", Reference.FAILING_MODEL));
        try (Socket ws = Socket.connect(server, path(server, id))) {
            ws.send(Map.of("type", "message", "content", Reference.FAIL));
            List<JsonNode> reply = ws.receiveReply();
            JsonNode error = reply.get(reply.size() - 1);
            assertThat(error.get("type").asString()).isEqualTo("error");
            assertThat(error.at("/data/message").asString()).isNotBlank();
            assertThat(error.at("/data/code").asString()).isEqualTo("E209");
            assertThat(error.at("/data/recoverable").isBoolean()).isTrue();
            ws.send(Map.of("type", "message", "content", "after an error the connection still answers"));
            assertThat(ws.receiveReply().get(0).get("type").asString()).isEqualTo("token");
        }
    }

    @Test
    @DisplayName("test_integration.py::TestAuthentication::test_websocket_without_auth_rejected")
    void integrationWithoutAuth() {
        assertThat(Socket.handshakeStatus(Reference.server(Mode.MEMORY_KEYS), "test-session")).isEqualTo(403);
    }

    @Test
    @DisplayName("test_integration.py::TestAuthentication::test_websocket_with_auth_query_param")
    void integrationWithQueryKey() {
        try (Socket ws = Socket.connect(Reference.server(Mode.REDIS_KEYS), "test-session?api_key=" + Reference.KEY)) {
            ws.send(Map.of("type", "ping"));
            assertThat(ws.receive().get("type").asString()).isEqualTo("error");
        }
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_integration.py::TestWebSocketStreaming::test_websocket_accepts_connection")
    void acceptsConnection(Mode mode) {
        Server server = Reference.server(mode);
        try (Socket ws = Socket.connect(server, path(server, "ws-test"))) {
            assertThat(ws).isNotNull();
        }
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_integration.py::TestWebSocketStreaming::test_invalid_message_returns_error")
    void invalidMessage(Mode mode) {
        Server server = Reference.server(mode);
        try (Socket ws = Socket.connect(server, path(server, "error-test"))) {
            ws.send(Map.of("invalid", "format"));
            JsonNode data = ws.receive();
            assertThat(data.get("type").asString()).isEqualTo("error");
            assertThat(data.get("data").has("message")).isTrue();
        }
    }

    /** Ours: a WebSocket message counts against the caller's limit like an HTTP call. */
    @Test
    void aWebSocketMessageUsesTheCallersRateLimit() {
        Server strict = Servers.strict();
        try (Socket ws = Socket.connect(strict, Reference.unique("limited"))) {
            ws.send(Map.of("type", "message", "content", "one"));
            assertThat(ws.receiveReply()).last().extracting(m -> m.get("type").asString()).isEqualTo("done");
            ws.send(Map.of("type", "message", "content", "two"));
            JsonNode error = ws.receive();
            assertThat(error.at("/data/error").asString()).isEqualTo("rate_limit_exceeded");
            assertThat(error.at("/data/retry_after").asInt()).isPositive();
        }
    }
}
