package io.consoul.session;

/** What {@code /ready} reports as {@code session_store}: redis, memory or degraded. */
@FunctionalInterface
public interface SessionStatus {
    String current();
}
