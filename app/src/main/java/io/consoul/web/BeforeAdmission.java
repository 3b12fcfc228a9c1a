package io.consoul.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Work a route starts just before {@link RateLimitedRoutes} admits it, so that the work's Redis round trip and the
 * rate-limit check's travel together and the request waits once for both (e.g. the chat routes' session read).
 * Whatever is started must decide nothing until the route runs: a refused request shows nothing of it.
 */
public interface BeforeAdmission {

    /** Starts, without waiting, what the route about to run with these resolved and validated arguments will need. */
    void start(HttpServletRequest request, Object[] arguments);
}
