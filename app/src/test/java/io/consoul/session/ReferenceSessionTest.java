package io.consoul.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A session the reference server wrote keeps every field it had after this server appends a turn to it. */
class ReferenceSessionTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void fieldsThisServerDoesNotKnowSurviveAnAppend() {
        InMemorySessionStore store = new InMemorySessionStore(Duration.ofHours(1), Clock.systemUTC());
        String written = """
                {"session_id":"ref","model":"echo","temperature":0.2,"messages":[
                  {"role":"user","content":"hi","timestamp":"2026-01-01T00:00:00"}],
                 "created_at":"2026-01-01T00:00:00","updated_at":"2026-01-01T00:00:00","version":"1.0",
                 "config":{"max_tokens":512},"metadata":{"client":"py"},"system_prompt":"be brief"}""";
        store.compareAndSet("ref", null, written);
        Sessions sessions = new Sessions(store, JSON, Clock.systemUTC());

        Sessions.Opened opened = sessions.open("ref", "some-owner", () -> "unused");
        sessions.append(opened, List.of(Session.Message.user("again"), Session.Message.assistant("Echo: again")));

        JsonNode saved = JSON.readTree(store.get("ref"));
        assertThat(saved.get("system_prompt").asText()).isEqualTo("be brief");
        assertThat(saved.at("/messages/0/timestamp").asText()).isEqualTo("2026-01-01T00:00:00");
        assertThat(saved.at("/config/max_tokens").asInt()).isEqualTo(512);
        assertThat(saved.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(saved.get("messages")).hasSize(3);
    }
}
