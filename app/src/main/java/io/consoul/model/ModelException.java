package io.consoul.model;

import io.consoul.ConsoulException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * A model call failed ({@code timeout} false), took too long ({@code timeout} true) or was refused by the open
 * circuit breaker. The message names the provider for the log; callers are answered by the web layer's fixed text.
 */
public class ModelException extends ConsoulException {
    private final boolean timeout;
    private final boolean breakerOpen;

    public ModelException(String message, boolean timeout, Throwable cause) {
        this(message, timeout, false, cause);
    }

    ModelException(String message, boolean timeout, boolean breakerOpen, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
        this.breakerOpen = breakerOpen;
    }

    /** Refused without calling the provider: its circuit breaker is open. */
    public boolean breakerOpen() {
        return breakerOpen;
    }

    public boolean timeout() {
        return timeout;
    }

    /**
     * A provider client's failure, as a timeout when any cause is one: the SDKs wrap their socket timeouts
     * in their own exception types, and a timeout must still reach the client as a 504, not a 502.
     * The message names only the provider and the exception type; the provider's text stays in the cause.
     */
    static ModelException from(String provider, Throwable failure) {
        if (failure instanceof ModelException e) return e;
        boolean timeout = false;
        for (Throwable t = failure; t != null && !timeout; t = t.getCause() == t ? null : t.getCause()) {
            timeout = t instanceof TimeoutException || t instanceof HttpTimeoutException
                    || (t instanceof InterruptedIOException && !(t.getCause() instanceof InterruptedException));
        }
        String what = timeout ? " timed out" : " call failed";
        return new ModelException(provider + what + " (" + failure.getClass().getSimpleName() + ")", timeout, failure);
    }
}
