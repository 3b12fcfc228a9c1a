package io.consoul.chat;

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

    @PostMapping(path = "/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChatResponses.Chat chat(@Valid @RequestBody ChatRequest request, HttpServletRequest http) {
        Sessions.Opened opened = chat.open(Caller.of(http), request.sessionId(), request.model());
        RequestModel.set(http, opened.session().model);
        return chat.chat(opened, request.message());
    }

    @PostMapping(path = "/chat/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChatResponses.Batch batch(@Valid @RequestBody BatchRequest request, HttpServletRequest http) {
        Sessions.Opened opened = chat.open(Caller.of(http), request.sessionId(), request.model());
        RequestModel.set(http, opened.session().model);
        return chat.batch(opened, request);
    }
}
