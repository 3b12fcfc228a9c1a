package io.consoul.chat;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.consoul.auth.Caller;
import io.consoul.session.Session;
import io.consoul.session.Sessions;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A session's history, and its deletion: for the key that created it only (others get 404, not 403). */
@RestController

class SessionController {
    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    @Schema(name = "Message")
    record MessageView(String role, String content) {}

    /**
     * {@code history_trimmed}: older messages were dropped from this session's stored history because it reached
     * its bound ({@code CONSOUL_SESSION_MAX_MESSAGES}, {@code CONSOUL_SESSION_MAX_BYTES}); {@code trimmed_messages}
     * says how many, over the session's life. {@code messages} is what is still stored.
     */
    @Schema(name = "Session")
    record SessionView(@JsonProperty("session_id") String sessionId, String model, List<MessageView> messages,
                       @JsonProperty("message_count") int messageCount,
                       @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt,
                       @JsonProperty("history_trimmed") boolean historyTrimmed,
                       @JsonProperty("trimmed_messages") long trimmedMessages) {}

    @Operation(operationId = "getSession", summary = "A session's history (owner key only)")
    @GetMapping("/sessions/{id}")
    SessionView get(@PathVariable @Size(min = 1, max = 128) String id, HttpServletRequest http) {
        Session s = sessions.find(id, Caller.of(http).ownerHash());
        List<MessageView> messages = s.messages.stream().map(m -> new MessageView(m.role, m.content)).toList();
        return new SessionView(s.sessionId, s.model, messages, messages.size(), s.createdAtIso(), s.updatedAtIso(),
                s.trimmedMessages() > 0, s.trimmedMessages());
    }

    record Deleted(@JsonProperty("session_id") String sessionId, boolean deleted) {}

    @Operation(operationId = "deleteSession", summary = "Delete a session (owner key only)")
    @DeleteMapping("/sessions/{id}")
    Deleted delete(@PathVariable @Size(min = 1, max = 128) String id, HttpServletRequest http) {
        sessions.delete(id, Caller.of(http).ownerHash());
        return new Deleted(id, true);
    }
}
