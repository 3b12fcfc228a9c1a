package io.consoul.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stored history's bound: oldest whole turns go first, the system message and the newest turn stay. */
class SessionBoundTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    final InMemorySessionStore store = new InMemorySessionStore(Duration.ofHours(1), Clock.systemUTC());
    final AtomicInteger counted = new AtomicInteger();

    Sessions bounded(int maxMessages, int maxBytes) {
        return new Sessions(store, JSON, Clock.systemUTC(), new SessionBound(maxMessages, maxBytes), counted::addAndGet);
    }

    @Test
    void aLongConversationStaysWithinTheByteBoundInTheReferenceFormat() {
        Sessions sessions = bounded(1_000, 10_000);
        for (int turn = 0; turn < 300; turn++) {
            Sessions.Opened opened = sessions.open("s", null, () -> "echo");
            sessions.append(opened, turn("Question " + turn + " " + "é".repeat(300), "Answer " + turn));
            assertThat(store.get("s").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10_000);
        }
        JsonNode saved = JSON.readTree(store.get("s"));
        JsonNode messages = saved.get("messages");
        assertThat(messages.get(0).get("role").asString()).isEqualTo("user");
        assertThat(messages.get(messages.size() - 1).get("content").asString()).isEqualTo("Answer 299");
        // the newest turns, unbroken, in order
        int firstTurn = Integer.parseInt(messages.get(messages.size() - 1).get("content").asString().substring(7))
                - messages.size() / 2 + 1;
        for (int i = 0; i < messages.size(); i += 2) {
            assertThat(messages.get(i).get("content").asString()).startsWith("Question " + (firstTurn + i / 2) + " ");
        }
        long dropped = 600 - messages.size();
        assertThat(saved.at("/metadata/custom/trimmed_messages").asLong()).isEqualTo(dropped);
        assertThat(counted.get()).isEqualTo(dropped);
        // the reference's fields are all there, timestamps as Unix seconds
        assertThat(saved.get("created_at").isNumber()).isTrue();
        assertThat(saved.get("version").asString()).isEqualTo("1.0");
        assertThat(saved.get("config").has("system_prompt")).isTrue();
        assertThat(saved.at("/metadata/schema_version").asString()).isEqualTo("1.0");
    }

    @Test
    void theMessageBoundDropsWholeTurns() {
        Sessions sessions = bounded(10, 1_000_000);
        for (int turn = 0; turn < 30; turn++) {
            Sessions.Opened opened = sessions.open("s", "owner-hash", () -> "echo");
            sessions.append(opened, turn("q" + turn, "a" + turn));
        }
        Session s = sessions.find("s", "owner-hash");
        assertThat(s.messages).hasSize(10);
        assertThat(s.messages.get(0).content).isEqualTo("q25");
        assertThat(s.trimmedMessages()).isEqualTo(50);
        assertThat(s.ownedBy("owner-hash")).isTrue();
        assertThat(s.ownedBy("someone-else")).isFalse();
    }

    @Test
    void theSystemMessageAndTheNewestTurnAreAlwaysKept() {
        store.compareAndSet("sys", null, """
                {"session_id":"sys","model":"echo","messages":[{"role":"system","content":"You are a pirate."}],
                 "created_at":1767225600.0,"updated_at":1767225600.0,"version":"1.0"}""");
        Sessions sessions = bounded(5, 2_000);
        for (int turn = 0; turn < 20; turn++) {
            sessions.append(sessions.open("sys", null, () -> "echo"), turn("q" + turn + " " + "x".repeat(200), "a" + turn));
        }
        // a turn alone larger than the bound is still stored whole: the client was just given that answer
        String big = "y".repeat(5_000);
        sessions.append(sessions.open("sys", null, () -> "echo"), turn(big, "the reply"));

        Session s = sessions.find("sys", null);
        assertThat(s.messages).hasSize(3);
        assertThat(s.messages.get(0).content).isEqualTo("You are a pirate.");
        assertThat(s.messages.get(1).content).isEqualTo(big);
        assertThat(s.messages.get(2).content).isEqualTo("the reply");
    }

    @Test
    void aLegacyHugeSessionIsCutDownOnItsNextSave() {
        StringBuilder doc = new StringBuilder("{\"session_id\":\"old\",\"model\":\"echo\",\"messages\":[");
        for (int i = 0; i < 2_000; i++) {
            doc.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"q").append(i)
                    .append("\"},{\"role\":\"assistant\",\"content\":\"a").append(i).append("\"}");
        }
        store.compareAndSet("old", null, doc.append("]}").toString());

        Sessions sessions = bounded(100, 10_000);
        sessions.append(sessions.open("old", null, () -> "echo"), turn("new", "reply"));

        Session s = sessions.find("old", null);
        assertThat(s.messages).hasSize(100);
        assertThat(s.messages.get(98).content).isEqualTo("new");
        assertThat(s.trimmedMessages()).isEqualTo(4_002 - 100);
    }

    @Test
    void boundsTooSmallToKeepATurnStopStartUp() {
        assertThatThrownBy(() -> new SessionBound(2, 10_000)).hasMessageContaining("CONSOUL_SESSION_MAX_MESSAGES");
        assertThatThrownBy(() -> new SessionBound(100, 100)).hasMessageContaining("CONSOUL_SESSION_MAX_BYTES");
    }

    static List<Session.Message> turn(String question, String answer) {
        List<Session.Message> turn = new ArrayList<>();
        turn.add(Session.Message.user(question));
        turn.add(Session.Message.assistant(answer));
        return turn;
    }
}
