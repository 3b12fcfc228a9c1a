package io.consoul.chat;

import io.swagger.v3.oas.annotations.Operation;
import io.consoul.auth.Caller;
import io.consoul.metrics.BatchMetrics;
import io.consoul.metrics.RequestModel;
import io.consoul.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ChatController {
    private final ChatService chat;
    private final SessionReadAhead readAhead;
    private final BatchMetrics batchMetrics;

    ChatController(ChatService chat, SessionReadAhead readAhead, BatchMetrics batchMetrics) {
        this.chat = chat;
        this.readAhead = readAhead;
        this.batchMetrics = batchMetrics;
    }

    @Operation(operationId = "chat", summary = "One message in, one model reply out; the session is created on first use")
    @PostMapping(path = "/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChatResponses.Chat chat(@Valid @RequestBody ChatRequest request, HttpServletRequest http) {
        ChatService.Conversation conversation = chat.open(Caller.of(http), readAhead.take(http, request.sessionId()), request.model());
        RequestModel.set(http, conversation.model());
        return chat.chat(conversation, request.message());
    }

    @Operation(operationId = "chatBatch", summary = "Up to 10 messages in one call, answered in order (sequential, default) or in parallel; "
            + "a failed item does not fail the batch")
    @PostMapping(path = "/chat/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChatResponses.Batch batch(@Valid @RequestBody BatchRequest request, HttpServletRequest http) {
        Sessions.Reading reading = readAhead.take(http, request.sessionId());
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
