package io.consoul.client;

import io.consoul.client.Responses.BatchResponse;
import io.consoul.client.Responses.ChatResponse;
import io.consoul.client.Responses.Health;
import io.consoul.client.Responses.Readiness;
import io.consoul.client.Responses.Session;
import io.consoul.client.Responses.StreamResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A client for the Consoul API. Thread-safe; build one per base URL and share it.
 *
 * <pre>{@code
 * ConsoulClient consoul = ConsoulClient.builder("https://consoul.example.com").apiKey(System.getenv("CONSOUL_API_KEY")).build();
 * ChatResponse reply = consoul.chat("session-1", "Hello");
 * consoul.stream("session-1", "Tell me more", System.out::print);
 * try (ChatSocket socket = consoul.openSocket("session-1")) {
 *     socket.send("And then?", System.out::print);
 * }
 * }</pre>
 *
 * Failures are typed: {@link ConsoulApiException} carries the contract's code, message and {@code retry_after};
 * {@link ConsoulTransportException} means no answer arrived. Retries follow the {@link RetryPolicy}.
 */
public final class ConsoulClient {
    private final Transport transport;

    private ConsoulClient(Transport transport) {
        this.transport = transport;
    }

    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    /** {@code POST /chat}; {@code model} only applies when the session is created (null: the server's default). */
    public ChatResponse chat(String sessionId, String message, String model) {
        return transport.post("/chat", chatBody(sessionId, message, model), ChatResponse.class);
    }

    public ChatResponse chat(String sessionId, String message) {
        return chat(sessionId, message, null);
    }

    /** {@code POST /chat/batch}: up to 10 messages, answered in order ({@code sequential}) or at once. */
    public BatchResponse chatBatch(String sessionId, List<String> messages, boolean sequential) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", sessionId);
        body.put("messages", messages.stream().map(m -> Map.of("role", "user", "content", m)).toList());
        body.put("sequential", sequential);
        return transport.post("/chat/batch", body, BatchResponse.class);
    }

    /**
     * {@code POST /chat/stream}: calls {@code onToken} with each piece of the reply as it arrives, and returns when
     * the stream ends. An {@code error} event is thrown as {@link ConsoulApiException} (status 200).
     */
    public StreamResult stream(String sessionId, String message, String model, Consumer<String> onToken) {
        return transport.stream("/chat/stream", chatBody(sessionId, message, model), Objects.requireNonNull(onToken));
    }

    public StreamResult stream(String sessionId, String message, Consumer<String> onToken) {
        return stream(sessionId, message, null, onToken);
    }

    /**
     * {@code /ws/chat/{session_id}}: a WebSocket for several turns of one session, beside {@link #stream}. Same
     * session, limits and errors; a refused handshake (wrong key: 403) is thrown as {@link ConsoulApiException}.
     */
    public ChatSocket openSocket(String sessionId) {
        return transport.openSocket(sessionId, encode(sessionId));
    }

    /** {@code GET /sessions/{id}}: the history, for the key that created the session (else E404). */
    public Session session(String sessionId) {
        return transport.get("/sessions/" + encode(sessionId), Session.class, false);
    }

    public void deleteSession(String sessionId) {
        transport.delete("/sessions/" + encode(sessionId));
    }

    public Health health() {
        return transport.get("/health", Health.class, false);
    }

    /** {@code GET /ready}; a not-ready server (503) is an answer here, not an exception. */
    public Readiness ready() {
        return transport.get("/ready", Readiness.class, true);
    }

    private static Map<String, Object> chatBody(String sessionId, String message, String model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", sessionId);
        body.put("message", message);
        if (model != null) body.put("model", model);
        return body;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Base URL, API key and timeouts; every setting documents its default. */
    public static final class Builder {
        private final URI baseUrl;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(90);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private HttpClient httpClient;
        private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

        private Builder(String baseUrl) {
            String trimmed = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
            this.baseUrl = URI.create(trimmed);
            if (this.baseUrl.getScheme() == null || !this.baseUrl.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("baseUrl must be an http(s) URL, got '" + baseUrl + "'");
            }
        }

        /** Sent as {@code X-API-Key}; none by default (servers without CONSOUL_API_KEYS). */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Time to open a connection; default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Time for one whole answer (for a stream: until the headers arrive); default 90 s, above the model timeout. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Default {@link RetryPolicy#DEFAULT}: 3 attempts within 30 s, chat calls not retried. */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy);
            return this;
        }

        /** Shorthand for opting {@code /chat} and friends into retries. */
        public Builder retryChat(boolean retryChat) {
            this.retry = retry.withRetryChat(retryChat);
            return this;
        }

        /**
         * One more header on every request, for what sits in front of the API: e.g. {@code Authorization: Bearer
         * <identity token>} for a private Cloud Run service. None by default.
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** Your own JDK client (proxy, TLS, executor); by default one is built with the connect timeout. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        public ConsoulClient build() {
            HttpClient client = httpClient != null ? httpClient
                    : HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
            return new ConsoulClient(new Transport(client, baseUrl, apiKey, requestTimeout, retry, headers));
        }
    }
}
