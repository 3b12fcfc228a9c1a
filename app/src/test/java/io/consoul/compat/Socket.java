package io.consoul.compat;

import io.consoul.support.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** A real WebSocket client (the JDK's) for the ported WebSocket tests: JSON in, JSON messages queued as they arrive. */
final class Socket implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final WebSocket ws;
    private final BlockingQueue<JsonNode> received;
    final CompletableFuture<Integer> closed;

    private Socket(WebSocket ws, BlockingQueue<JsonNode> received, CompletableFuture<Integer> closed) {
        this.ws = ws;
        this.received = received;
        this.closed = closed;
    }

    /** Connects to {@code ws://…/ws/chat/<path>}; a refused handshake throws with its HTTP status in the message. */
    static Socket connect(Reference.Server server, String pathAndQuery, String... headers) {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
        WebSocket ws = builder.buildAsync(URI.create(server.url().replace("http://", "ws://") + "/ws/chat/" + pathAndQuery),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(Http.JSON.readTree(text.toString()));
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        closed.complete(-1);
                    }
                }).join();
        return new Socket(ws, received, closed);
    }

    /** The HTTP status a refused handshake answered, or 101 when it was accepted. */
    static int handshakeStatus(Reference.Server server, String pathAndQuery) {
        try (Socket s = connect(server, pathAndQuery)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) return refused.getResponse().statusCode();
            throw e;
        }
    }

    void send(Object json) {
        ws.sendText(Http.JSON.writeValueAsString(json), true).join();
    }

    void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    JsonNode receive() {
        try {
            JsonNode next = received.poll(30, TimeUnit.SECONDS);
            if (next == null) throw new AssertionError("no WebSocket message within 30 s");
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Messages up to and including the first {@code done} or {@code error}. */
    java.util.List<JsonNode> receiveReply() {
        java.util.List<JsonNode> reply = new java.util.ArrayList<>();
        while (true) {
            JsonNode m = receive();
            reply.add(m);
            String type = m.get("type").asString();
            if (type.equals("done") || type.equals("error")) return reply;
        }
    }

    @Override
    public void close() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }
}
