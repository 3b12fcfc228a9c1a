package io.consoul.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** However malformed the request, the answer is the right 4xx with the contract's error body — never a 500. */
class BadInputTest {
    static final String KEY = "sk-bad-input-test-key";
    static ConsoulInstance app;

    @BeforeAll
    static void start() {
        app = ConsoulInstance.start(Map.of("consoul.api-keys", KEY, "consoul.rate-limit", "10000/minute"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Stream<Arguments> badRequests() {
        String longId = "x".repeat(129);
        String batchOf11 = "{\"session_id\":\"b\",\"messages\":[" + String.join(",",
                java.util.Collections.nCopies(11, "{\"role\":\"user\",\"content\":\"hi\"}")) + "]}";
        return Stream.of(
                bad("malformed JSON", "POST", "/chat", "{\"session_id\":", 422, "E003"),
                bad("body is not an object", "POST", "/chat", "[1,2]", 422, "E003"),
                bad("empty body", "POST", "/chat", "", 422, "E003"),
                bad("message of the wrong type", "POST", "/chat", "{\"session_id\":\"a\",\"message\":42}", 422, "E003"),
                bad("session id of the wrong type", "POST", "/chat", "{\"session_id\":true,\"message\":\"hi\"}", 422, "E003"),
                bad("missing message", "POST", "/chat", "{\"session_id\":\"a\"}", 422, "E003"),
                bad("missing session id", "POST", "/chat", "{\"message\":\"hi\"}", 422, "E003"),
                bad("null message", "POST", "/chat", "{\"session_id\":\"a\",\"message\":null}", 422, "E003"),
                bad("empty message", "POST", "/chat", "{\"session_id\":\"a\",\"message\":\"\"}", 422, "E003"),
                bad("message over 32768 characters", "POST", "/chat", Http.chatBody("a", "m".repeat(32769)), 422, "E003"),
                bad("session id over 128 characters", "POST", "/chat", Http.chatBody(longId, "hi"), 422, "E003"),
                bad("session id over 128 characters in the path", "GET", "/sessions/" + longId, null, 422, "E003"),
                bad("unknown model", "POST", "/chat", "{\"session_id\":\"m\",\"message\":\"hi\",\"model\":\"no-such-model\"}", 422, "E003"),
                bad("stream with malformed JSON", "POST", "/chat/stream", "{oops", 422, "E003"),
                bad("batch of 11 messages", "POST", "/chat/batch", batchOf11, 422, "E003"),
                bad("batch of no messages", "POST", "/chat/batch", "{\"session_id\":\"b\",\"messages\":[]}", 422, "E003"),
                bad("batch messages not a list", "POST", "/chat/batch", "{\"session_id\":\"b\",\"messages\":\"hi\"}", 422, "E003"),
                bad("batch item without content", "POST", "/chat/batch", "{\"session_id\":\"b\",\"messages\":[{\"role\":\"user\"}]}", 422, "E003"),
                bad("batch item with a foreign role", "POST", "/chat/batch", "{\"session_id\":\"b\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}", 422, "E003"),
                bad("unknown session", "GET", "/sessions/never-created", null, 404, "E404"),
                bad("unknown route", "GET", "/no/such/route", null, 404, "E404"),
                bad("wrong method", "GET", "/chat", null, 405, "E405"),
                bad("wrong method on a session", "POST", "/sessions/abc", "{}", 405, "E405"));
    }

    static Arguments bad(String name, String method, String path, String body, int status, String code) {
        return Arguments.of(name, method, path, body, status, code);
    }

    @ParameterizedTest(name = "{0} -> {4} {5}")
    @MethodSource("badRequests")
    void eachBadRequestGetsItsStatusAndTheContractBody(String name, String method, String path, String body, int status, String code) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        Http.Response r = Http.send(request, "X-API-Key", KEY);
        assertThat(r.status()).as(name).isEqualTo(status);
        assertContractBody(r, code);
    }

    @Test
    void aMissingKeyIs401WithTheChallengeHeader() {
        Http.Response r = Http.post(app.url() + "/chat", Http.chatBody("a", "hi"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("ApiKey name=X-API-Key");
        assertContractBody(r, "E011");
    }

    @Test
    void aWrongKeyIs401AndNeverEchoed() {
        Http.Response r = Http.post(app.url() + "/chat", Http.chatBody("a", "hi"), "X-API-Key", "sk-wrong-key-value");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("sk-wrong-key-value");
        assertContractBody(r, "E011");
    }

    @Test
    void theKeyMayAlsoComeAsAQueryParameter() {
        assertThat(Http.post(app.url() + "/chat?api_key=" + KEY, Http.chatBody("q", "hi")).status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIs413WithTheLimitInDetails() {
        String huge = Http.chatBody("big", "x".repeat(1_100_000));
        Http.Response r = Http.post(app.url() + "/chat", huge, "X-API-Key", KEY);
        assertThat(r.status()).isEqualTo(413);
        assertContractBody(r, "E006");
        assertThat(r.json().get("details").get("limit").asLong()).isEqualTo(1048576);
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWith413() {
        byte[] huge = Http.chatBody("big", "x".repeat(1_100_000)).getBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + "/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)));
        Http.Response r = Http.send(request, "X-API-Key", KEY);
        assertThat(r.status()).isEqualTo(413);
        assertContractBody(r, "E006");
    }

    @Test
    void aBodyThatIsNotJsonIs415WithTheContractBody() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + "/chat"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello"));
        Http.Response r = Http.send(request, "X-API-Key", KEY);
        assertThat(r.status()).isEqualTo(415);
        assertContractBody(r, "E003");
    }

    @Test
    void validationErrorsNameEachBadField() {
        Http.Response r = Http.post(app.url() + "/chat", "{\"session_id\":\"\",\"message\":\"\"}", "X-API-Key", KEY);
        assertThat(r.status()).isEqualTo(422);
        JsonNode fields = r.json().get("details").get("fields");
        assertThat(fields.has("session_id")).as("the wire name of the field, never the Java one: " + fields).isTrue();
        assertThat(fields.has("sessionId")).as("never the Java name: " + fields).isFalse();
        assertThat(fields.has("message")).isTrue();
    }

    /** An SSE client asks for text/event-stream; when its request is refused it still gets the contract's JSON. */
    @ParameterizedTest(name = "Accept: {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"text/event-stream", "text/html"})
    void aRefusedRequestGetsTheJsonBodyWhateverItAccepts(String accept) {
        HttpRequest.Builder noKey = HttpRequest.newBuilder(URI.create(app.url() + "/chat/stream"))
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(Http.chatBody("accept", "hi")));
        Http.Response unauthorized = Http.send(noKey);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertContractBody(unauthorized, "E011");

        HttpRequest.Builder invalid = HttpRequest.newBuilder(URI.create(app.url() + "/chat/stream"))
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        Http.Response unprocessable = Http.send(invalid, "X-API-Key", KEY);
        assertThat(unprocessable.status()).isEqualTo(422);
        assertContractBody(unprocessable, "E003");

        HttpRequest.Builder tooLarge = HttpRequest.newBuilder(URI.create(app.url() + "/chat/stream"))
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1_100_000)));
        Http.Response refused = Http.send(tooLarge, "X-API-Key", KEY);
        assertThat(refused.status()).isEqualTo(413);
        assertContractBody(refused, "E006");
    }

    static void assertContractBody(Http.Response r, String code) {
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder(
                "code", "error", "message", "recoverable", "retry_after", "details", "timestamp");
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception", "at io.", "at org.");
    }
}
