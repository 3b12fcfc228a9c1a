package io.consoul.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consoul.client.Responses.BatchResponse;
import io.consoul.client.Responses.ChatResponse;
import io.consoul.client.Responses.StreamResult;
import io.consoul.support.ConsoulInstance;
import io.consoul.support.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a real running Consoul: every call, typed answers and typed errors. */
@Timeout(60)
class ConsoulClientTest {
    static final String KEY = "sk-client-test-key-1";
    static ConsoulInstance app;
    static ConsoulClient client;

    @BeforeAll
    static void start() {
        app = ConsoulInstance.start(Map.of("consoul.api-keys", KEY, "consoul.rate-limit", "1000/minute",
                "consoul.echo-token-delay", "150ms"));
        client = ConsoulClient.builder(app.url()).apiKey(KEY).build();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The WebSocket beside {@code stream}: several turns on one connection, the same session as HTTP. */
    @Test
    void aSocketCarriesSeveralTurnsOfTheSameSession() {
        client.chat("client-socket", "over http");
        List<String> pieces = new ArrayList<>();
        try (ChatSocket socket = client.openSocket("client-socket")) {
            StreamResult first = socket.send("one two", pieces::add);
            StreamResult second = socket.send("three", piece -> {});
            assertThat(first.text()).isEqualTo("Echo: one two");
            assertThat(String.join("", pieces)).isEqualTo("Echo: one two");
            assertThat(first.usage().outputTokens()).isEqualTo(3);
            assertThat(second.text()).isEqualTo("Echo: three");
            assertThat(first.sessionId()).isEqualTo("client-socket");
        }
        assertThat(client.session("client-socket").messageCount()).isEqualTo(6);
    }

    @Test
    void aSocketWithAWrongKeyIsRefused() {
        ConsoulClient stranger = ConsoulClient.builder(app.url()).apiKey("sk-wrong").build();
        assertThatThrownBy(() -> stranger.openSocket("client-socket-refused"))
                .isInstanceOfSatisfying(ConsoulApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void aConversationIsKeptAndCanBeReadAndDeleted() {
        ChatResponse first = client.chat("client-conversation", "hello");
        client.chat("client-conversation", "and again");

        assertThat(first.response()).isEqualTo("Echo: hello");
        assertThat(first.model()).isEqualTo("echo");
        assertThat(first.usage().totalTokens()).isEqualTo(first.usage().inputTokens() + first.usage().outputTokens());
        Responses.Session session = client.session("client-conversation");
        assertThat(session.messages()).extracting(Responses.Message::content)
                .containsExactly("hello", "Echo: hello", "and again", "Echo: and again");
        assertThat(session.messageCount()).isEqualTo(4);

        client.deleteSession("client-conversation");
        assertThatThrownBy(() -> client.session("client-conversation"))
                .isInstanceOfSatisfying(ConsoulApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("E404");
                });
    }

    @Test
    void aBatchAnswersEachMessageInOrder() {
        BatchResponse batch = client.chatBatch("client-batch", List.of("one", "two", "three"), true);
        assertThat(batch.processingMode()).isEqualTo("sequential");
        assertThat(batch.responses()).extracting(Responses.BatchItem::response)
                .containsExactly("Echo: one", "Echo: two", "Echo: three");
        assertThat(batch.totalUsage().outputTokens()).isEqualTo(6);
    }

    @Test
    void aStreamDeliversTokensAsTheyArrive() {
        List<Long> arrivals = new ArrayList<>();
        List<String> pieces = new ArrayList<>();
        long start = System.nanoTime();
        StreamResult result = client.stream("client-stream", "one two three four", piece -> {
            pieces.add(piece);
            arrivals.add(System.nanoTime() - start);
        });
        long end = System.nanoTime() - start;

        assertThat(String.join("", pieces)).isEqualTo("Echo: one two three four").isEqualTo(result.text());
        assertThat(pieces).hasSize(5);
        assertThat(result.usage().outputTokens()).isEqualTo(5);
        // the server pauses 150 ms between tokens: the first one reached us long before the stream ended
        assertThat(end - arrivals.get(0)).isGreaterThan(Duration.ofMillis(400).toNanos());
        assertThat(client.session("client-stream").messages()).hasSize(2);
    }

    @Test
    void healthAndReadinessAreTyped() {
        assertThat(client.health().service()).isEqualTo("Consoul API");
        assertThat(client.ready().ready()).isTrue();
        assertThat(client.ready().checks()).containsEntry("session_store", "memory");
    }

    @Test
    void errorsCarryTheContractsCodeAndMessage() {
        ConsoulClient wrongKey = ConsoulClient.builder(app.url()).apiKey("sk-not-a-valid-key").build();
        assertThatThrownBy(() -> wrongKey.chat("s", "hi")).isInstanceOfSatisfying(ConsoulApiException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("E011");
            assertThat(e.error()).isEqualTo("invalid_api_key");
        });
        assertThatThrownBy(() -> client.chat("s", "x".repeat(40_000))).isInstanceOfSatisfying(ConsoulApiException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.code()).isEqualTo("E003");
            assertThat(e.details()).containsKey("fields");
        });
    }

    @Test
    void noServerIsATransportErrorAfterTheBoundedRetries() {
        ConsoulClient nowhere = ConsoulClient.builder("http://127.0.0.1:" + RedisServer.freePort())
                .retry(new RetryPolicy(3, Duration.ofSeconds(2), false)).build();
        long start = System.nanoTime();
        assertThatThrownBy(nowhere::health).isInstanceOf(ConsoulTransportException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
