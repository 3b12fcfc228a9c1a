package io.consoul.chat;

import io.swagger.v3.oas.annotations.Operation;
import io.consoul.auth.Caller;
import io.consoul.metrics.BatchMetrics;
import io.consoul.metrics.RequestModel;
import io.consoul.ratelimit.RateLimitGate;
import io.consoul.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ChatController {
    private final ChatService chat;
    private final RateLimitGate limits;
    private final BatchMetrics batchMetrics;

    ChatController(ChatService chat, RateLimitGate limits, BatchMetrics batchMetrics) {
        this.chat = chat;
        this.limits = limits;
        this.batchMetrics = batchMetrics;
    }

    @Operation(operationId = "chat", summary = "One message in, one model reply out; the session is created on first use")
    @PostMapping(path = "/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChatResponses.Chat chat(@Valid @RequestBody ChatRequest request, HttpServletRequest http, HttpServletResponse response) {
        Sessions.Reading reading = chat.startReading(request.sessionId()); // in flight while the limiter decides
        limits.admit(http, response);
        ChatService.Conversation conversation = chat.open(Caller.of(http), reading, request.model());
        RequestModel.set(http, conversation.model());
        return chat.chat(conversation, request.message());
    }

    @Operation(operationId = "chatBatch", summary = "Up to 10 messages in one call, answered in order (sequential, default) or in parallel; "
            + "a failed item does not fail the batch")
    @PostMapping(path = "/chat/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChatResponses.Batch batch(@Valid @RequestBody BatchRequest request, HttpServletRequest http, HttpServletResponse response) {
        Sessions.Reading reading = chat.startReading(request.sessionId());
        limits.admit(http, response);
        String mode = request.inOrder() ? "sequential" : "parallel";
        long start = System.nanoTime();
        batchMetrics.started(request.messages().size());
        try {
            ChatService.Conversation conversation = chat.open(Caller.of(http), reading, request.model());
            RequestModel.set(http, conversation.model());
            ChatResponses.Batch batch = chat.batch(conversation, request);
            int succeeded = (int) batch.responses().stream().filter(item -> item.error() == null).count();
            batchMetrics.answered(mode, succeeded, batch.responses().size(), start);
            return batch;
        } catch (RuntimeException e) {
            batchMetrics.failed(mode, start);
            throw e;
        }
    }
}
