package io.consoul.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.consoul.auth.Caller;
import io.consoul.session.Session;
import io.consoul.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
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

    record MessageView(String role, String content) {}

    record SessionView(@JsonProperty("session_id") String sessionId, String model, List<MessageView> messages,
                       @JsonProperty("message_count") int messageCount,
                       @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt) {}

    @GetMapping("/sessions/{id}")
    SessionView get(@PathVariable @Size(min = 1, max = 128) String id, HttpServletRequest http) {
        Session s = sessions.find(id, Caller.of(http).ownerHash());
        List<MessageView> messages = s.messages.stream().map(m -> new MessageView(m.role, m.content)).toList();
        return new SessionView(s.sessionId, s.model, messages, messages.size(), s.createdAt, s.updatedAt);
    }

    @DeleteMapping("/sessions/{id}")
    Map<String, Object> delete(@PathVariable @Size(min = 1, max = 128) String id, HttpServletRequest http) {
        sessions.delete(id, Caller.of(http).ownerHash());
        return Map.of("session_id", id, "deleted", true);
    }
}
