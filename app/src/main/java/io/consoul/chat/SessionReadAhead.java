package io.consoul.chat;

import io.consoul.session.Sessions;
import io.consoul.web.BeforeAdmission;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Sends a chat route's session read just before its rate-limit check, so the check and the read travel to Redis
 * together and the turn waits one round trip for both; only the save follows. The route picks the read up with
 * {@link #take}. A refused request never looks at what was read.
 */
@Component
final class SessionReadAhead implements BeforeAdmission {
    private static final String READING = SessionReadAhead.class.getName();

    private final ChatService chat;

    SessionReadAhead(ChatService chat) {
        this.chat = chat;
    }

    @Override
    public void start(HttpServletRequest request, Object[] arguments) {
        for (Object argument : arguments) {
            String sessionId = argument instanceof ChatRequest chatRequest ? chatRequest.sessionId()
                    : argument instanceof BatchRequest batchRequest ? batchRequest.sessionId() : null;
            if (sessionId != null) {
                request.setAttribute(READING, chat.startReading(sessionId));
                return;
            }
        }
    }

    /** The read started for this request's session, or one started now when none was (the route was called directly). */
    Sessions.Reading take(HttpServletRequest request, String sessionId) {
        Object started = request.getAttribute(READING);
        request.removeAttribute(READING);
        if (started instanceof Sessions.Reading reading && reading.sessionId().equals(sessionId)) return reading;
        return chat.startReading(sessionId);
    }
}
