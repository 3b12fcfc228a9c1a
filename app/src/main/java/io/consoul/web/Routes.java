package io.consoul.web;

/** The routes that need an API key and count against the rate limit: all but health, readiness and metrics. */
public final class Routes {
    public static final String[] PROTECTED = {"/chat", "/chat/batch", "/chat/stream", "/sessions/**"};

    private Routes() {}
}
