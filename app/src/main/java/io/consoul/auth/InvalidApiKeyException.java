package io.consoul.auth;

import io.consoul.ConsoulException;

/** No key, or not a configured one, where keys are on. Names where a key goes, never what was presented. */
public final class InvalidApiKeyException extends ConsoulException {
    private final String header;

    InvalidApiKeyException(String header, String query) {
        super("Provide valid API key via '" + header + "' header or '" + query + "' query parameter");
        this.header = header;
    }

    /** The header a key is expected in (for {@code WWW-Authenticate}). */
    public String header() {
        return header;
    }
}
