package io.consoul.client;

import io.consoul.client.Responses.StreamResult;
import io.consoul.client.Responses.Usage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * One open {@code /ws/chat/{session_id}} connection, the WebSocket form of {@link ConsoulClient#stream}: each
 * {@link #send} is one turn of the same session, its reply delivered piece by piece. Open it with
 * {@link ConsoulClient#openSocket}; close it when done. One turn at a time per connection (the server answers in order).
 */
public final class ChatSocket implements AutoCloseable {
    private static final Object CLOSED = new Object();

    private final WebSocket socket;
    private final String sessionId;
    private final Duration timeout;
    private final BlockingQueue<Object> incoming;

    private ChatSocket(WebSocket socket, String sessionId, Duration timeout, BlockingQueue<Object> incoming) {
        this.socket = socket;
        this.sessionId = sessionId;
        this.timeout = timeout;
        this.incoming = incoming;
    }

    /** The key goes in the {@code api_key} query parameter, as the reference server's WebSocket expects it. */
    static ChatSocket open(HttpClient client, URI base, String apiKey, String sessionId, Duration timeout, String encodedId) {
        String scheme = base.getScheme().equals("https") ? "wss" : "ws";
        String query = apiKey == null ? "" : "?api_key=" + java.net.URLEncoder.encode(apiKey, java.nio.charset.StandardCharsets.UTF_8);
        URI uri = URI.create(scheme + base.toString().substring(base.getScheme().length()) + "/ws/chat/" + encodedId + query);
        BlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
        try {
            WebSocket ws = client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        incoming.add(Transport.JSON.readTree(text.toString()));
                        text.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    incoming.add(CLOSED);
                    return null;
                }

                @Override
                public void onError(WebSocket webSocket, Throwable error) {
                    incoming.add(CLOSED);
                }
            }).join();
            return new ChatSocket(ws, sessionId, timeout, incoming);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                var response = refused.getResponse();
                Object body = response.body();
                throw Transport.error(response.statusCode(), body instanceof String s ? s : "");
            }
            throw new ConsoulTransportException("WebSocket connection failed", e.getCause());
        }
    }

    /**
     * Sends one message and returns when its reply is complete, calling {@code onToken} with each piece. An
     * {@code error} message from the server is thrown as {@link ConsoulApiException} (status 200); the connection
     * stays open for the next turn.
     */
    public StreamResult send(String message, Consumer<String> onToken) {
        socket.sendText(Transport.JSON.writeValueAsString(java.util.Map.of("type", "message", "content", message)), true).join();
        StringBuilder text = new StringBuilder();
        while (true) {
            Object next = next();
            if (next == CLOSED) throw new ConsoulTransportException("WebSocket closed before the reply ended", null);
            JsonNode m = (JsonNode) next;
            JsonNode data = m.path("data");
            switch (m.path("type").asText()) {
                case "token" -> {
                    String piece = data.path("text").asText();
                    text.append(piece);
                    onToken.accept(piece);
                }
                case "done" -> {
                    JsonNode usage = data.path("usage");
                    return new StreamResult(sessionId, text.toString(), new Usage(usage.path("input_tokens").asInt(),
                            usage.path("output_tokens").asInt(), usage.path("total_tokens").asInt(),
                            usage.path("estimated_cost").asDouble()), data.path("timestamp").asText());
                }
                case "error" -> throw new ConsoulApiException(200, data.path("code").asText(), data.path("error").asText(),
                        data.path("message").asText(), data.path("recoverable").asBoolean(),
                        data.has("retry_after") ? data.get("retry_after").asInt() : null, null);
                default -> { } // a message type this client does not know: skip it
            }
        }
    }

    private Object next() {
        try {
            Object next = incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) throw new ConsoulTransportException("no WebSocket message within " + timeout, null);
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoulTransportException("interrupted", e);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null).join();
    }
}
