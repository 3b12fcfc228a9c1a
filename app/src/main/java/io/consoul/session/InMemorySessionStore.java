package io.consoul.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Process memory, for one instance (the embedded default, or Redis fallback). Same TTL rules as Redis. */
final class InMemorySessionStore implements SessionStore {
    private record Entry(String json, long expiresAtMillis) {}

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    InMemorySessionStore(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public String get(String id) {
        Entry e = entries.get(id);
        if (e == null) return null;
        if (expired(e)) {
            entries.remove(id, e);
            return null;
        }
        return e.json();
    }

    @Override
    public boolean compareAndSet(String id, String expected, String updated) {
        AtomicBoolean stored = new AtomicBoolean();
        entries.compute(id, (key, current) -> {
            String currentJson = current == null || expired(current) ? null : current.json();
            if (!Objects.equals(currentJson, expected)) return current;
            stored.set(true);
            return new Entry(updated, clock.millis() + ttl.toMillis());
        });
        return stored.get();
    }

    @Override
    public boolean delete(String id) {
        Entry removed = entries.remove(id);
        return removed != null && !expired(removed);
    }

    @Override
    public long activeSessions() {
        entries.values().removeIf(this::expired);
        return entries.size();
    }

    private boolean expired(Entry e) {
        return e.expiresAtMillis() <= clock.millis();
    }
}
