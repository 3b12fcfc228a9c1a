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

/** Ported from {@code tests/server/test_context_isolation.py}: what one session holds never leaks into another. */
class ContextIsolationTest {

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_context_isolation.py::TestSessionIsolation::test_separate_sessions_have_different_state")
    void separateSessions(Mode mode) {
        Server server = Reference.server(mode);
        String one = Reference.unique("s1"), two = Reference.unique("s2");
        server.chat(one, "Hello from session 1");
        server.chat(two, "Hello from session 2");
        assertThat(server.get("/sessions/" + one).json().at("/messages/0/content").asString()).isEqualTo("Hello from session 1");
        assertThat(server.get("/sessions/" + two).json().at("/messages/0/content").asString()).isEqualTo("Hello from session 2");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_context_isolation.py::TestSessionIsolation::test_session_modification_doesnt_affect_other_sessions")
    void modificationIsolated(Mode mode) {
        Server server = Reference.server(mode);
        String one = Reference.unique("s1"), two = Reference.unique("s2");
        server.chat(one, "a");
        server.chat(two, "b");
        server.chat(one, "c");
        assertThat(server.get("/sessions/" + two).json().get("messages")).hasSize(2);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_context_isolation.py::TestSessionIsolation::test_session_deletion_doesnt_affect_other_sessions")
    void deletionIsolated(Mode mode) {
        Server server = Reference.server(mode);
        String one = Reference.unique("s1"), two = Reference.unique("s2");
        server.chat(one, "one");
        server.chat(two, "two");
        assertThat(server.delete("/sessions/" + one).status()).isEqualTo(200);
        assertThat(server.get("/sessions/" + one).status()).isEqualTo(404);
        assertThat(server.get("/sessions/" + two).json().at("/messages/0/content").asString()).isEqualTo("two");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_context_isolation.py::TestSessionCleanup::test_session_cleanup_removes_state")
    void cleanupRemovesState(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("cleanup");
        server.chat(id, "hi");
        server.delete("/sessions/" + id);
        JsonNode fresh = server.chat(id, "again").json();
        assertThat(fresh.get("session_id").asString()).isEqualTo(id);
        assertThat(server.get("/sessions/" + id).json().get("messages")).as("starts over").hasSize(2);
    }

    /** A session not used for longer than CONSOUL_SESSION_TTL is gone (1 s here). */
    @Test
    @DisplayName("test_context_isolation.py::TestSessionCleanup::test_expired_session_returns_none")
    void expiredSessionIsGone() {
        Server server = Reference.configured("short-ttl", null, true, Map.of("CONSOUL_SESSION_TTL", "1", "CONSOUL_RATE_LIMIT", "1000/minute"));
        String id = Reference.unique("expiring");
        server.chat(id, "hi");
        assertThat(server.get("/sessions/" + id).status()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> server.get("/sessions/" + id).status() == 404);
    }

}
