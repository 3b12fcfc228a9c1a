package io.consoul.chat;

import io.swagger.v3.oas.annotations.Operation;
import io.consoul.ConsoulException;
import io.consoul.auth.Caller;
import io.consoul.metrics.RequestModel;
import io.consoul.web.ApiErrors;
import io.consoul.web.ApiException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /chat/stream}: Server-Sent Events, frames {@code event: <type>\ndata: <json>\n\n} byte for byte as
 * the reference server writes them. Errors before the first byte are ordinary HTTP errors; after it, an
 * {@code error} event.
 *
 * <p>The reply is written through the servlet's own async API: frames go straight to the response's output stream
 * and the stream ends with {@link AsyncContext#complete()}. Spring's {@code ResponseBodyEmitter} did the same work
 * through message converters and header maps on every frame, and ended each stream with a second dispatch of the
 * whole request through the filters and the {@code DispatcherServlet} — about a tenth of the CPU a stream costs
 * (issue 16, {@code bench/README.md}). Everything before the first byte (validation, authentication, the rate limit,
 * the session read, error replies) still goes through Spring MVC as for every other route.
 */
@RestController
class StreamController {
    private static final Logger log = LoggerFactory.getLogger(StreamController.class);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END_OF_FRAME = "\n\n".getBytes(StandardCharsets.UTF_8);

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
    void stream(@Valid @RequestBody ChatRequest request, HttpServletRequest http, HttpServletResponse response) {
        ChatService.Conversation conversation = chat.open(Caller.of(http), readAhead.take(http, request.sessionId()), request.model());
        RequestModel.set(http, conversation.model());
        chat.requireFits(conversation, request.message());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, must-revalidate");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = http.startAsync(http, response);
        async.setTimeout(0); // a stream lasts as long as the model takes
        streams.opened();
        workers.execute(() -> run(conversation, request.message(), async));
    }

    private void run(ChatService.Conversation conversation, String message, AsyncContext async) {
        try {
            ServletOutputStream out = async.getResponse().getOutputStream();
            out.flush(); // the headers, before the first token
            Usage usage = chat.stream(conversation, message, token -> send(out, "token", new ChatResponses.Token(token)));
            send(out, "done", new ChatResponses.Done(conversation.sessionId(), usage, Instant.now().toString()));
        } catch (ClientGone | IOException e) {
            // nobody is reading any more: nothing to say, and the turn was not saved
        } catch (ConsoulException e) {
            sendError(async, ApiErrors.of(e));
        } catch (RuntimeException e) {
            log.error("Stream failed", e);
            sendError(async, ApiErrors.internal());
        } finally {
            try {
                async.complete();
            } catch (IllegalStateException alreadyOver) {
                // the client left and Tomcat ended the request itself
            } finally {
                streams.closed();
            }
        }
    }

    private void sendError(AsyncContext async, ApiException e) {
        var body = e.body();
        try {
            send(async.getResponse().getOutputStream(), "error", Map.of("code", body.code(), "error", body.error(),
                    "message", body.message(), "recoverable", body.recoverable(),
                    "retry_after", body.retryAfter() == null ? 0 : body.retryAfter()));
        } catch (ClientGone | IOException gone) {
            // the client left before the error could reach it
        }
    }

    /** One frame, flushed at once: a token is only useful when it arrives. */
    private void send(ServletOutputStream out, String event, Object data) {
        try {
            out.write(("event: " + event).getBytes(StandardCharsets.UTF_8));
            out.write(DATA);
            out.write(json.writeValueAsBytes(data));
            out.write(END_OF_FRAME);
            out.flush();
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
