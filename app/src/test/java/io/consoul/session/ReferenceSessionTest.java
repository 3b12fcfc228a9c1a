package io.consoul.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions in the reference server's format ({@code consoul.sdk.save_session_state}): whatever it wrote is
 * continued, and what we write back is still that format, so Python and Java instances can share one Redis.
 */
class ReferenceSessionTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-12-03T08:00:00.250Z");
    static final double NOW_SECONDS = NOW.toEpochMilli() / 1000.0;

    final InMemorySessionStore store = new InMemorySessionStore(Duration.ofHours(1), Clock.systemUTC());
    final Sessions sessions = new Sessions(store, JSON, Clock.fixed(NOW, ZoneOffset.UTC));

    /** Exactly what the reference's /chat saves: time.time() floats, its config keys, no metadata. */
    static final String WRITTEN_BY_REFERENCE = """
            {"session_id": "ref", "model": "echo", "temperature": 0.7,
             "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Echo: hi"}],
             "created_at": 1764748800.123456, "updated_at": 1764748805.5, "version": "1.0",
             "config": {"system_prompt": null, "tools_enabled": false, "summarize": false,
                        "summarize_threshold": 20, "keep_recent": 10, "summary_model": null}}""";

    JsonNode continueAndReadBack(String id, String written) {
        store.compareAndSet(id, null, written);
        Sessions.Opened opened = sessions.open(id, null, () -> "echo");
        sessions.append(opened, List.of(Session.Message.user("again"), Session.Message.assistant("Echo: again")));
        return JSON.readTree(store.get(id));
    }

    static void assertReferenceFormat(JsonNode saved) {
        assertThat(saved.get("session_id").isString()).isTrue();
        assertThat(saved.get("model").isString()).isTrue();
        assertThat(saved.get("temperature").isNumber()).isTrue();
        assertThat(saved.get("messages").isArray()).isTrue();
        saved.get("messages").forEach(m -> {
            assertThat(m.get("role").isString()).isTrue();
            assertThat(m.get("content").isString()).isTrue();
        });
        assertThat(saved.get("created_at").isNumber()).as("created_at is Unix seconds").isTrue();
        assertThat(saved.get("updated_at").isNumber()).as("updated_at is Unix seconds").isTrue();
        assertThat(saved.get("version").asString()).isEqualTo("1.0");
        assertThat(saved.get("config").isObject()).isTrue();
    }

    @Test
    void aSessionTheReferenceWroteIsContinuedAndStaysInItsFormat() {
        JsonNode saved = continueAndReadBack("ref", WRITTEN_BY_REFERENCE);

        assertReferenceFormat(saved);
        assertThat(saved.get("messages")).hasSize(4);
        assertThat(saved.at("/messages/2/content").asString()).isEqualTo("again");
        assertThat(saved.get("created_at").asDouble()).isEqualTo(1764748800.123456);
        assertThat(saved.get("updated_at").asDouble()).isEqualTo(NOW_SECONDS);
        assertThat(saved.at("/config/summarize_threshold").asInt()).isEqualTo(20);
        assertThat(saved.has("metadata")).as("no owner, no metadata, as the reference writes it").isFalse();
        assertThat(store.get("ref")).doesNotContain("E9").as("plain decimals, never exponent notation");
    }

    @Test
    void isoTimestampsFromAnEarlierVersionAreReadAndWrittenAsUnixSeconds() {
        JsonNode saved = continueAndReadBack("iso", """
                {"session_id":"iso","model":"echo","temperature":0.7,"messages":[],
                 "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:01.500+00:00","version":"1.0","config":{}}""");

        assertReferenceFormat(saved);
        assertThat(saved.get("created_at").asDouble()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());
    }

    @Test
    void isoTimestampsWithoutAnOffsetAreUtc() {
        JsonNode saved = continueAndReadBack("naive", """
                {"session_id":"naive","model":"echo","temperature":0.7,"messages":[],
                 "created_at":"2026-01-01T00:00:00","updated_at":"2026-01-01T00:00:00"}""");
        assertThat(saved.get("created_at").asDouble()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());
    }

    @Test
    void missingOptionalFieldsAreFilledInTheReferenceWay() {
        JsonNode saved = continueAndReadBack("bare", """
                {"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"Echo: hi"}]}""");

        assertReferenceFormat(saved);
        assertThat(saved.get("session_id").asString()).isEqualTo("bare");
        assertThat(saved.get("model").asString()).isEqualTo("echo");
        assertThat(saved.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(saved.get("created_at").asDouble()).isEqualTo(NOW_SECONDS);
        assertThat(saved.get("messages")).hasSize(4);
    }

    @Test
    void fieldsThisServerDoesNotKnowSurviveAnAppend() {
        JsonNode saved = continueAndReadBack("extra", """
                {"session_id":"extra","model":"echo","temperature":0.2,"messages":[
                  {"role":"assistant","content":"x","tool_calls":[{"id":"call_1","name":"bash","args":{}}],"id":"m1"}],
                 "created_at":1764748800.0,"updated_at":1764748800.0,"version":"1.0",
                 "config":{"max_tokens":512},"metadata":{"user_id":"alice","tags":["a"],"custom":{"k":"v"}},
                 "system_prompt":"be brief"}""");

        assertThat(saved.get("system_prompt").asString()).isEqualTo("be brief");
        assertThat(saved.at("/messages/0/tool_calls/0/id").asString()).isEqualTo("call_1");
        assertThat(saved.at("/messages/0/id").asString()).isEqualTo("m1");
        assertThat(saved.at("/config/max_tokens").asInt()).isEqualTo(512);
        assertThat(saved.at("/metadata/user_id").asString()).isEqualTo("alice");
        assertThat(saved.at("/metadata/custom/k").asString()).isEqualTo("v");
        assertThat(saved.get("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void contentBlocksReadAsTheirText() {
        JsonNode saved = continueAndReadBack("blocks", """
                {"session_id":"blocks","model":"echo","temperature":0.7,"messages":[
                  {"role":"assistant","content":[{"type":"text","text":"one "},"two"]}],
                 "created_at":1764748800.0,"updated_at":1764748800.0}""");
        assertThat(saved.at("/messages/0/content").asString()).isEqualTo("one two");
    }

    @Test
    void aNewSessionIsWrittenAsTheReferenceWritesOne() {
        Sessions.Opened opened = sessions.open("new", null, () -> "echo");
        sessions.append(opened, List.of(Session.Message.user("hi"), Session.Message.assistant("Echo: hi")));

        JsonNode saved = JSON.readTree(store.get("new"));
        assertReferenceFormat(saved);
        assertThat(saved.get("created_at").asDouble()).isEqualTo(NOW_SECONDS);
        assertThat(saved.at("/config/tools_enabled").asBoolean()).isFalse();
        assertThat(saved.at("/config/keep_recent").asInt()).isEqualTo(10);
        assertThat(saved.has("metadata")).isFalse();
    }

    @Test
    void theOwnerIsKeptWhereTheReferencesMetadataRoundTripKeepsIt() {
        Sessions.Opened opened = sessions.open("owned", "hash-a", () -> "echo");
        sessions.append(opened, List.of(Session.Message.user("hi")));

        JsonNode saved = JSON.readTree(store.get("owned"));
        assertThat(saved.at("/metadata/custom/owner").asString()).isEqualTo("hash-a");
        assertThat(saved.at("/metadata/schema_version").asString()).isEqualTo("1.0");
        assertThat(saved.at("/metadata/tags").isArray()).isTrue();
        assertThatThrownBy(() -> sessions.find("owned", "hash-b")).isInstanceOf(SessionNotFoundException.class);
        assertThat(sessions.find("owned", "hash-a").messages).hasSize(1);
    }

    @Test
    void anOwnerWrittenByAnEarlierVersionIsStillHonoured() {
        store.compareAndSet("legacy", null, """
                {"session_id":"legacy","model":"echo","temperature":0.7,"messages":[],
                 "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","metadata":{"owner":"hash-a"}}""");
        assertThatThrownBy(() -> sessions.find("legacy", "hash-b")).isInstanceOf(SessionNotFoundException.class);
        assertThat(sessions.find("legacy", "hash-a").sessionId).isEqualTo("legacy");
    }

    @Test
    void aDocumentThatIsNotASessionIsReplacedAsTheReferenceDoes() {
        JsonNode saved = continueAndReadBack("broken", "{not json");
        assertReferenceFormat(saved);
        assertThat(saved.get("messages")).hasSize(2);
    }
}
