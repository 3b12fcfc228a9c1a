package io.consoul.session;

import io.consoul.ConsoulException;

/**
 * The session store cannot be used: Redis is down ({@link #busy()} false), or so many writers raced on one session
 * that this one gave up ({@link #busy()} true: worth retrying at once).
 */
public final class SessionStorageUnavailableException extends ConsoulException {
    private final boolean busy;

    private SessionStorageUnavailableException(String message, boolean busy) {
        super(message);
        this.busy = busy;
    }

    static SessionStorageUnavailableException down() {
        return new SessionStorageUnavailableException("Session storage unavailable", false);
    }

    static SessionStorageUnavailableException tooBusy() {
        return new SessionStorageUnavailableException("Session is too busy, try again", true);
    }

    public boolean busy() {
        return busy;
    }
}
