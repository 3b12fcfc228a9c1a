package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The migration case of the issue, over HTTP and a real Redis: a session exactly as the reference server saves it
 * (Unix-seconds floats, its config, no metadata) is continued through {@code /chat}, {@code /chat/stream},
 * {@code /chat/batch} and the WebSocket, and what is left in Redis is still the reference's format.
 */
class SessionFormatTest {
    static String writtenByTheReference(String id, String createdAt) {
        return """
                {"session_id": "%s", "model": "echo", "temperature": 0.7,
                 "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Echo: hi"}],
                 "created_at": %s, "updated_at": 1764748805.5, "version": "1.0",
                 "config": {"system_prompt": null, "tools_enabled": false, "summarize": false,
                            "summarize_threshold": 20, "keep_recent": 10, "summary_model": null}}""".formatted(id, createdAt);
    }

    static JsonNode stored(Server server, String id) {
        return Http.JSON.readTree(server.redis("GET consoul:session:" + id).get(0));
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"REDIS_NO_KEYS", "REDIS_KEYS"})
    void aReferenceSessionIsContinuedEverywhereAndStaysInItsFormat(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("from-python");
        Resp.set(server.redis.port(), server.db, "consoul:session:" + id, writtenByTheReference(id, "1764748800.123456"), 3600);

        assertThat(server.chat(id, "chat").status()).isEqualTo(200);
        assertThat(server.post("/chat/stream", Http.chatBody(id, "stream")).status()).isEqualTo(200);
        assertThat(server.post("/chat/batch", "{\"session_id\":\"" + id + "\",\"messages\":[{\"content\":\"batch\"}]}").status()).isEqualTo(200);
        try (Socket ws = Socket.connect(server, WebSocketEndpointTest.path(server, id))) {
            ws.send(java.util.Map.of("type", "message", "content", "socket"));
            assertThat(ws.receiveReply()).last().extracting(m -> m.get("type").asString()).isEqualTo("done");
        }

        JsonNode saved = stored(server, id);
        assertThat(saved.get("messages")).hasSize(10);
        assertThat(saved.get("created_at").isNumber()).isTrue();
        assertThat(saved.get("created_at").asDouble()).isEqualTo(1764748800.123456);
        assertThat(saved.get("updated_at").isNumber()).isTrue();
        assertThat(saved.get("updated_at").asDouble()).isGreaterThan(1764748805.5);
        assertThat(saved.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(saved.at("/config/keep_recent").asInt()).isEqualTo(10);
        assertThat(saved.get("version").asString()).isEqualTo("1.0");
        assertThat(server.get("/sessions/" + id).json().get("created_at").asString()).startsWith("2025-12-03T08:00:00.123");
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"REDIS_NO_KEYS", "REDIS_KEYS"})
    void isoTimestampsAndMissingOptionalFieldsAreContinued(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("iso");
        Resp.set(server.redis.port(), server.db, "consoul:session:" + id,
                "{\"session_id\":\"" + id + "\",\"messages\":[],\"created_at\":\"2026-01-01T00:00:00Z\",\"extra\":{\"kept\":true}}", 3600);
        assertThat(server.chat(id, "hi").status()).isEqualTo(200);
        JsonNode saved = stored(server, id);
        assertThat(saved.get("created_at").asDouble()).isEqualTo(1767225600.0);
        assertThat(saved.get("updated_at").isNumber()).isTrue();
        assertThat(saved.get("model").asString()).isEqualTo("echo");
        assertThat(saved.at("/extra/kept").asBoolean()).isTrue();
    }
}
