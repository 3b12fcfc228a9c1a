package io.consoul.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling, as the rest of the service may know it: never the key itself.
 *
 * @param keyId     the key's first 6 and last 3 characters, for logs; null when auth is off
 * @param ownerHash SHA-256 of the key, stored in the sessions it creates; null when auth is off
 * @param tier      the rate-limit tier its key maps to
 */
public record Caller(String keyId, String ownerHash, String tier) {
    private static final String ATTRIBUTE = Caller.class.getName();

    public static Caller anonymous(String tier) {
        return new Caller(null, null, tier);
    }

    public void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    public static Caller of(HttpServletRequest request) {
        return (Caller) request.getAttribute(ATTRIBUTE);
    }
}
