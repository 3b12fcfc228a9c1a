package io.consoul.session;

import io.consoul.ConsoulException;

/** No such session, or it belongs to another key (the two are not told apart, so ids cannot be probed). */
public final class SessionNotFoundException extends ConsoulException {
    SessionNotFoundException() {
        super("Session not found");
    }
}
