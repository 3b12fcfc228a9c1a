package io.consoul.session;

/**
 * Raw session documents by id. Writes are compare-and-set on the exact document read, which is what lets two
 * instances append to one session at the same time without losing a message.
 */
interface SessionStore {
    /** The stored JSON, or null. */
    String get(String id);

    /**
     * Stores {@code updated} (and refreshes the TTL) only if the stored document is still {@code expected};
     * {@code expected == null} means the session must not exist yet. False when another writer came first.
     */
    boolean compareAndSet(String id, String expected, String updated);

    boolean delete(String id);

    /** Sessions alive now: the same figure on every instance sharing the store. */
    long activeSessions();
}
