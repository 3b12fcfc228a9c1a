package io.consoul.session;

import java.util.function.Supplier;

/**
 * Raw session documents by id. Writes are compare-and-set on the exact document read, which is what lets two
 * instances append to one session at the same time without losing a message.
 */
interface SessionStore {
    /** The stored JSON, or null. */
    String get(String id);

    /**
     * Starts reading {@code id} and returns how to wait for it: {@link #get}'s answer and failures, only when asked
     * for. A store that can overlap the read with other work (Redis: the request is on the wire at once) does; by
     * default the read happens when the answer is asked for, so errors arrive in the same order as without it.
     */
    default Supplier<String> fetch(String id) {
        return () -> get(id);
    }

    /**
     * Stores {@code updated} (and refreshes the TTL) only if the stored document is still {@code expected};
     * {@code expected == null} means the session must not exist yet. False when another writer came first.
     */
    boolean compareAndSet(String id, String expected, String updated);

    boolean delete(String id);

    /** Sessions alive now: the same figure on every instance sharing the store. */
    long activeSessions();
}
