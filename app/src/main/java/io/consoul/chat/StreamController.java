package io.consoul.chat;

import io.swagger.v3.oas.annotations.Operation;
import io.consoul.ConsoulException;
import io.consoul.auth.Caller;
import io.consoul.metrics.RequestModel;
import io.consoul.web.ApiErrors;
import io.consoul.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /chat/stream}: Server-Sent Events, frames {@code event: <type>\ndata: <json>\n\n} byte for byte as
 * the reference server writes them. Errors before the first byte are ordinary HTTP errors; after it, an
 * {@code error} event.
 */
@RestController
class StreamController {
    private static final Logger log = LoggerFactory.getLogger(StreamController.class);
    private static final MediaType EVENT_STREAM = MediaType.TEXT_EVENT_STREAM;

    private final ChatService chat;
    private final SessionReadAhead readAhead;
    private final OpenStreams streams;
    private final ExecutorService workers;
    private final JsonMapper json;

    StreamController(ChatService chat, SessionReadAhead readAhead, OpenStreams streams, ExecutorService chatWorkers, JsonMapper json) {
        this.chat = chat;
        this.readAhead = readAhead;
        this.streams = streams;
        this.workers = chatWorkers;
        this.json = json;
    }

    @Operation(operationId = "chatStream", summary = "The reply as Server-Sent Events: token events, then done (or error)")
    @PostMapping(path = "/chat/stream", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ResponseBodyEmitter> stream(@Valid @RequestBody ChatRequest request, HttpServletRequest http) {
        ChatService.Conversation conversation = chat.open(Caller.of(http), readAhead.take(http, request.sessionId()), request.model());
        RequestModel.set(http, conversation.model());
        chat.requireFits(conversation, request.message());
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(0L);
        streams.opened();
        workers.execute(() -> run(conversation, request.message(), emitter));
        return ResponseEntity.ok()
                .contentType(EVENT_STREAM)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, must-revalidate")
                .header("X-Accel-Buffering", "no")
                .body(emitter);
    }

    private void run(ChatService.Conversation conversation, String message, ResponseBodyEmitter emitter) {
        try {
            Usage usage = chat.stream(conversation, message, token -> send(emitter, "token", new ChatResponses.Token(token)));
            send(emitter, "done", new ChatResponses.Done(conversation.sessionId(), usage, Instant.now().toString()));
            emitter.complete();
        } catch (ClientGone e) {
            emitter.complete();
        } catch (ConsoulException e) {
            sendError(emitter, ApiErrors.of(e));
        } catch (RuntimeException e) {
            log.error("Stream failed", e);
            sendError(emitter, ApiErrors.internal());
        } finally {
            streams.closed();
        }
    }

    private void sendError(ResponseBodyEmitter emitter, ApiException e) {
        var body = e.body();
        try {
            send(emitter, "error", Map.of("code", body.code(), "error", body.error(), "message", body.message(),
                    "recoverable", body.recoverable(), "retry_after", body.retryAfter() == null ? 0 : body.retryAfter()));
            emitter.complete();
        } catch (ClientGone gone) {
            emitter.complete();
        }
    }

    private void send(ResponseBodyEmitter emitter, String event, Object data) {
        try {
            emitter.send("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n", MediaType.TEXT_PLAIN);
        } catch (IOException | IllegalStateException e) {
            throw new ClientGone();
        }
    }

    /** The client went away mid-stream: stop, and do not save a reply nobody received. */
    private static final class ClientGone extends RuntimeException {
        ClientGone() {
            super(null, null, false, false);
        }
    }
}
