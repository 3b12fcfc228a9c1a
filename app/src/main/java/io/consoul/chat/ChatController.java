package io.consoul.chat;

import io.swagger.v3.oas.annotations.Operation;
import io.consoul.auth.Caller;
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

    ChatController(ChatService chat) {
        this.chat = chat;
    }

    @Operation(operationId = "chat", summary = "One message in, one model reply out; the session is created on first use")
    @PostMapping(path = "/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChatResponses.Chat chat(@Valid @RequestBody ChatRequest request, HttpServletRequest http) {
        Sessions.Opened opened = chat.open(Caller.of(http), request.sessionId(), request.model());
        RequestModel.set(http, opened.session().model);
        return chat.chat(opened, request.message());
    }

    @Operation(operationId = "chatBatch", summary = "Up to 10 messages in one call, answered in order (sequential, default) or in parallel; "
            + "a failed item does not fail the batch")
    @PostMapping(path = "/chat/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChatResponses.Batch batch(@Valid @RequestBody BatchRequest request, HttpServletRequest http) {
        Sessions.Opened opened = chat.open(Caller.of(http), request.sessionId(), request.model());
        RequestModel.set(http, opened.session().model);
        return chat.batch(opened, request);
    }
}
