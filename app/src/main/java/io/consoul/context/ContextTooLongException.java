package io.consoul.context;

import io.consoul.ConsoulException;

/** One message (with the session's system message) cannot fit the model's prompt budget, whatever is left out. */
public final class ContextTooLongException extends ConsoulException {
    private final int tokens;
    private final int limit;

    ContextTooLongException(String model, int tokens, int limit, boolean withSystemMessage) {
        super("Message is too long for the model's context window: about " + tokens + " tokens"
                + (withSystemMessage ? " with the session's system message" : "") + ", '" + model
                + "' takes at most " + limit + " per prompt");
        this.tokens = tokens;
        this.limit = limit;
    }

    public int tokens() {
        return tokens;
    }

    public int limit() {
        return limit;
    }
}
