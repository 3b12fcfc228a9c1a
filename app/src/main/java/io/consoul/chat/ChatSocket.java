package io.consoul.chat;

import io.consoul.ConsoulException;
import io.consoul.auth.Caller;
import io.consoul.ratelimit.RateLimitGate;
import io.consoul.web.ApiErrors;
import io.consoul.web.ErrorCode;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws/chat/{session_id}} with the reference server's protocol, on the same sessions, models and rate limits
 * as {@code POST /chat/stream}.
 *
 * <p>Client to server: {@code {"type":"message","content":"…"}} ({@code tool_approval} is accepted and ignored: no
 * tools run here). Server to client: {@code {"type":"token","data":{"text"}}} per piece, then
 * {@code {"type":"done","data":{"usage":{"duration_ms",…token counts},"timestamp"}}}, or
 * {@code {"type":"error","data":{"code","error","message","recoverable"[,"retry_after"]}}}; an error leaves the
 * connection open. Messages of one connection are answered one at a time, in order; each counts against the
 * caller's limit like an HTTP call. Sends go through Spring's {@link ConcurrentWebSocketSessionDecorator}: a client
 * that does not read within 5 s or lets 1 MiB pile up is disconnected (the reference's backpressure).
 */
final class ChatSocket extends TextWebSocketHandler {
    static final String ROUTE = "/ws/chat/{session_id}";
    static final String SESSION_ID = "consoul.sessionId";
    static final String CLIENT_ADDRESS = "consoul.clientAddress";
    static final String CALLER = "consoul.caller";
    private static final Logger log = LoggerFactory.getLogger(ChatSocket.class);
    private static final int MAX_CONTENT = 32768;
    private static final String QUEUE = "consoul.queue";
    private static final String OUT = "consoul.out";

    private final ChatService chat;
    private final RateLimitGate limits;
    private final OpenStreams streams;
    private final ExecutorService workers;
    private final JsonMapper json;

    ChatSocket(ChatService chat, RateLimitGate limits, OpenStreams streams, ExecutorService workers, JsonMapper json) {
        this.chat = chat;
        this.limits = limits;
        this.streams = streams;
        this.workers = workers;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        streams.opened();
        session.getAttributes().put(OUT, new ConcurrentWebSocketSessionDecorator(session, 5_000, 1 << 20));
        session.getAttributes().put(QUEUE, CompletableFuture.completedFuture(null));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        streams.closed();
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        JsonNode data;
        try {
            data = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            sendError(session, "E001", "invalid_request_body", "Message must be a JSON object", false, null);
            return;
        }
        String type = data.path("type").isString() ? data.get("type").asString() : null;
        if ("message".equals(type)) {
            JsonNode content = data.get("content");
            if (content == null || !content.isString() || content.asString().isEmpty() || content.asString().length() > MAX_CONTENT) {
                sendError(session, "E003", "field_validation_failed", "Invalid message content", false, null);
                return;
            }
            enqueue(session, content.asString());
        } else if (!"tool_approval".equals(type)) {
            sendError(session, "E001", "invalid_request_body", "Unknown message type: " + (type == null ? "None" : type), false, null);
        }
    }

    /** Messages of one connection are answered in arrival order, one at a time, off the container's thread. */
    @SuppressWarnings("unchecked")
    private void enqueue(WebSocketSession session, String content) {
        Map<String, Object> attributes = session.getAttributes();
        synchronized (attributes) {
            CompletableFuture<Void> tail = (CompletableFuture<Void>) attributes.get(QUEUE);
            attributes.put(QUEUE, tail.thenRunAsync(() -> answer(session, content), workers));
        }
    }

    private void answer(WebSocketSession session, String content) {
        if (!session.isOpen()) return;
        long start = System.nanoTime();
        Caller caller = (Caller) session.getAttributes().get(CALLER);
        String sessionId = (String) session.getAttributes().get(SESSION_ID);
        try {
            limits.admit(caller, ROUTE, (String) session.getAttributes().get(CLIENT_ADDRESS), (name, value) -> {});
            ChatService.Conversation conversation = chat.open(caller, sessionId, null);
            Usage usage = chat.stream(conversation, content, token -> send(session, "token", Map.of("text", token)));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("duration_ms", (System.nanoTime() - start) / 1_000_000);
            summary.put("input_tokens", usage.inputTokens());
            summary.put("output_tokens", usage.outputTokens());
            summary.put("total_tokens", usage.totalTokens());
            summary.put("estimated_cost", usage.estimatedCost());
            send(session, "done", Map.of("usage", summary, "timestamp", Instant.now().toString()));
        } catch (ClientGone gone) {
            // closed mid-reply: nothing saved, nothing more to send
        } catch (ConsoulException e) {
            var body = ApiErrors.of(e).body();
            sendError(session, body.code(), body.error(), body.message(), body.recoverable(), body.retryAfter());
        } catch (RuntimeException e) {
            log.error("WebSocket chat failed", e);
            sendError(session, ErrorCode.INTERNAL_ERROR.code(), ErrorCode.INTERNAL_ERROR.error(), "Internal server error", false, null);
        }
    }

    private void sendError(WebSocketSession session, String code, String error, String message, boolean recoverable, Integer retryAfter) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", code);
        data.put("error", error);
        data.put("message", message);
        data.put("recoverable", recoverable);
        if (retryAfter != null) data.put("retry_after", retryAfter);
        try {
            send(session, "error", data);
        } catch (ClientGone gone) {
            // nobody to tell
        }
    }

    private void send(WebSocketSession session, String type, Object data) {
        WebSocketSession out = (WebSocketSession) session.getAttributes().get(OUT);
        try {
            out.sendMessage(new TextMessage(json.writeValueAsString(Map.of("type", type, "data", data))));
        } catch (IOException | IllegalStateException e) {
            throw new ClientGone();
        }
    }

    /** The client went away (or stopped reading): stop, and save no reply nobody received. */
    private static final class ClientGone extends RuntimeException {
        ClientGone() {
            super(null, null, false, false);
        }
    }
}
