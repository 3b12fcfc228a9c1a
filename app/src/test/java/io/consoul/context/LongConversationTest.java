package io.consoul.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A long conversation against a provider whose window is small (4,000 tokens) and that refuses any prompt over it,
 * through one instance with Redis over real HTTP, with the default session bound: without fitting, the
 * conversation would stop at about turn 15; without the bound, its stored document would grow without end.
 */
@Timeout(300)
class LongConversationTest {
    static final int WINDOW = 4_000;
    static final String PAD = "lorem ipsum dolor sit amet ".repeat(20);   // ~100 tokens

    static RedisServer redis;
    static TokenLimitedProvider provider;
    static ConsoulInstance app;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.launch();
        provider = new TokenLimitedProvider(WINDOW, turn -> "Answer " + turn + ": " + PAD);
        app = ConsoulInstance.start(Map.of(
                "consoul.redis-url", redis.url(0),
                "consoul.rate-limit", "100000/minute",
                "OPENAI_API_KEY", "sk-test-not-a-secret",
                "OPENAI_BASE_URL", provider.baseUrl(),
                "consoul.context.windows", "{\"gpt-4o\":" + WINDOW + "}"));
    }

    @AfterAll
    static void stop() {
        app.close();
        provider.close();
        redis.close();
    }

    @Test
    void theStandInRefusesAPromptOverItsWindow() {
        int before = provider.rejected();
        // what the fitting prevents: 50 turns of history sent whole
        List<Map<String, String>> whole = java.util.Collections.nCopies(100, Map.of("role", "user", "content", PAD));

        Http.Response r = Http.post(provider.baseUrl() + "/chat/completions",
                Http.JSON.writeValueAsString(Map.of("model", "gpt-4o", "messages", whole)));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("context_length_exceeded");
        assertThat(provider.rejected()).isEqualTo(before + 1);
    }

    @Test
    void theSystemMessageOfAReferenceSessionSurvivesTrimming() throws Exception {
        String session = "{\"session_id\":\"sys\",\"model\":\"gpt-4o\",\"temperature\":0.7,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are a pirate.\"}],\"created_at\":1767225600.0,"
                + "\"updated_at\":1767225600.0,\"version\":\"1.0\",\"config\":{\"system_prompt\":\"You are a pirate.\"},"
                + "\"metadata\":{}}";
        redis.command("SET consoul:session:sys " + Http.JSON.writeValueAsString(session));
        int from = provider.accepted().size();

        for (int turn = 0; turn < 60; turn++) {
            assertThat(chat("sys", "Question " + turn + ": " + PAD).status()).isEqualTo(200);
        }

        List<TokenLimitedProvider.Prompt> prompts = provider.accepted().subList(from, provider.accepted().size());
        assertThat(prompts).hasSize(60).allSatisfy(p -> {
            assertThat(p.messages().get(0)).isEqualTo("system: You are a pirate.");
            assertThat(p.messages().get(1)).startsWith("user: ");
        });
        assertThat(prompts.get(59).messages().size()).isLessThan(2 * 60);
        // and in storage: the bound dropped old turns, never the system message
        JsonNode stored = Http.JSON.readTree(redis.bulk("GET consoul:session:sys"));
        assertThat(stored.at("/messages/0/role").asString()).isEqualTo("system");
        assertThat(stored.at("/metadata/custom/trimmed_messages").asLong()).isPositive();
    }

    @Test
    void aTwoThousandTurnConversationKeepsWorkingAndItsStoredDocumentStaysWithinItsBound() throws Exception {
        int from = provider.accepted().size();
        int rejectedBefore = provider.rejected();
        for (int turn = 0; turn < 2_000; turn++) {
            Http.Response r = chat("marathon", "Question " + turn + ": " + PAD);
            assertThat(r.status()).as("turn %d: %s", turn, r.body()).isEqualTo(200);
        }
        assertThat(provider.rejected()).isEqualTo(rejectedBefore);
        List<TokenLimitedProvider.Prompt> prompts = provider.accepted().subList(from, provider.accepted().size());
        assertThat(prompts).hasSize(2_000)
                .allSatisfy(p -> assertThat(p.tokens()).isLessThanOrEqualTo(WINDOW * 3 / 4 - 1_000));
        TokenLimitedProvider.Prompt last = prompts.get(prompts.size() - 1);
        assertThat(last.messages().get(0)).startsWith("user: ");
        assertThat(last.messages().get(last.messages().size() - 1)).startsWith("user: Question 1999: ");
        assertThat(last.messages().size()).isGreaterThan(1);

        String raw = redis.bulk("GET consoul:session:marathon");
        assertThat(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10_000);
        JsonNode stored = Http.JSON.readTree(raw);
        for (String field : List.of("session_id", "model", "temperature", "messages", "created_at", "updated_at",
                "version", "config", "metadata")) {
            assertThat(stored.has(field)).as(field).isTrue();
        }
        assertThat(stored.get("created_at").isNumber()).isTrue();
        JsonNode messages = stored.get("messages");
        assertThat(messages.get(0).get("role").asString()).isEqualTo("user");
        assertThat(messages.get(messages.size() - 2).get("content").asString()).startsWith("Question 1999: ");

        JsonNode view = Http.get(app.url() + "/sessions/marathon").json();
        assertThat(view.path("history_trimmed").asBoolean()).isTrue();
        assertThat(view.path("trimmed_messages").asLong()).isEqualTo(4_000 - messages.size());
        assertThat(view.path("message_count").asInt()).isEqualTo(messages.size());

        String metrics = Http.get(app.metricsUrl()).body();
        assertThat(metrics).contains("# HELP consoul_session_trimmed_messages_total ");
        assertThat(metrics).containsPattern("(?m)^consoul_session_trimmed_messages_total \\d");
    }

    @Test
    void aMessageTooLongForTheWindowIsA400AndTheSessionKeepsItsHistory() {
        assertThat(chat("big", "first").status()).isEqualTo(200);
        String huge = "word ".repeat(3_000);

        Http.Response chat = chat("big", huge);
        Http.Response stream = Http.post(app.url() + "/chat/stream", Http.chatBody("big", huge));

        for (Http.Response r : List.of(chat, stream)) {
            assertThat(r.status()).isEqualTo(400);
            JsonNode body = r.json();
            assertThat(body.path("code").asString()).isEqualTo("E203");
            assertThat(body.path("error").asString()).isEqualTo("llm_context_too_long");
            assertThat(body.path("details").path("limit").asInt()).isEqualTo(WINDOW * 3 / 4 - 1_000);
        }
        JsonNode stored = Http.get(app.url() + "/sessions/big").json();
        assertThat(stored.path("message_count").asInt()).isEqualTo(2);
        assertThat(stored.path("history_trimmed").asBoolean()).isFalse();
    }

    @Test
    void aBatchItemTooLongFailsAloneAndTheOthersAreAnswered() {
        String body = Http.JSON.writeValueAsString(Map.of("session_id", "batch", "model", "gpt-4o", "messages", List.of(
                Map.of("role", "user", "content", "short one"),
                Map.of("role", "user", "content", "word ".repeat(3_000)),
                Map.of("role", "user", "content", "short two"))));

        JsonNode r = Http.post(app.url() + "/chat/batch", body).json();

        assertThat(r.path("responses").get(0).path("response").asString()).startsWith("Answer ");
        assertThat(r.path("responses").get(1).path("error").path("code").asString()).isEqualTo("E203");
        assertThat(r.path("responses").get(2).path("response").asString()).startsWith("Answer ");
    }

    static Http.Response chat(String session, String message) {
        return Http.post(app.url() + "/chat",
                Http.JSON.writeValueAsString(Map.of("session_id", session, "message", message, "model", "gpt-4o")));
    }
}
