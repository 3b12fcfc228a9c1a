package io.consoul.session;

import io.consoul.redis.RedisUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading, appending to and deleting sessions on behalf of one API key.
 *
 * <p>A chat turn costs two store round trips: {@link #open} reads the document, {@link #append} writes it back
 * with compare-and-set. When another instance wrote in between, the append is replayed onto the newer document,
 * so concurrent turns on one session both land in its history, in the order their writes won.
 */
public final class Sessions {
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    private static final int MAX_WRITE_ATTEMPTS = 16;

    private final SessionStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final SessionBound bound;
    private final IntConsumer onTrimmed;

    /** No bound on the stored history: for tests of the document format only. */
    Sessions(SessionStore store, JsonMapper json, Clock clock) {
        this(store, json, clock, new SessionBound(Integer.MAX_VALUE, Integer.MAX_VALUE), dropped -> {});
    }

    /** {@code onTrimmed} hears how many messages each save dropped from storage (the metric). */
    Sessions(SessionStore store, JsonMapper json, Clock clock, SessionBound bound, IntConsumer onTrimmed) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.bound = bound;
        this.onTrimmed = onTrimmed;
    }

    /** A session as read, with the exact document it came from ({@code null} for a new one). */
    public record Opened(Session session, String readAs) {
        public boolean isNew() {
            return readAs == null;
        }
    }

    /** A session read that has been started and not yet waited for (see {@link #read}). */
    public static final class Reading {
        private final String id;
        private final Supplier<String> raw;

        private Reading(String id, Supplier<String> raw) {
            this.id = id;
            this.raw = raw;
        }

        public String sessionId() {
            return id;
        }
    }

    /**
     * Starts reading session {@code id} without waiting, so the read shares its round trip with other work the
     * request has to do first (the rate-limit check); {@link #open(Reading, String, Supplier)} waits for it.
     */
    public Reading read(String id) {
        return new Reading(id, store.fetch(id));
    }

    /** The caller's session, or a new one with {@code model} when none exists; 404 when another key owns it. */
    public Opened open(String id, String owner, Supplier<String> modelForNew) {
        return open(read(id), owner, modelForNew);
    }

    /** {@link #open(String, String, Supplier)} for a read already under way. */
    public Opened open(Reading reading, String owner, Supplier<String> modelForNew) {
        String id = reading.id;
        String raw = storage(reading.raw);
        if (raw == null) return new Opened(newSession(id, owner, modelForNew.get()), null);
        Session session = parse(id, raw);
        if (session == null) return new Opened(newSession(id, owner, modelForNew.get()), raw);
        if (!session.ownedBy(owner)) throw notFound();
        if (session.model == null || session.model.isBlank()) session.model = modelForNew.get();
        return new Opened(session, raw);
    }

    /**
     * Appends {@code additions} and saves, replaying onto a newer document if another writer came first. Past the
     * {@link SessionBound}, the oldest turns are dropped from the saved document.
     */
    public Session append(Opened opened, List<Session.Message> additions) {
        Opened current = opened;
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            Session session = current.session();
            session.messages.addAll(additions);
            session.updatedAt = SessionTime.now(clock);
            if (session.createdAt == null) session.createdAt = session.updatedAt;
            SessionBound.Trimmed trimmed = bound.apply(session, json);
            String updated = trimmed.document();
            String expected = current.readAs();
            if (storage(() -> store.compareAndSet(session.sessionId, expected, updated))) {
                if (trimmed.dropped() > 0) onTrimmed.accept(trimmed.dropped());
                return session;
            }
            String latest = storage(() -> store.get(session.sessionId));
            Session reread = latest == null ? null : parse(session.sessionId, latest);
            current = new Opened(reread != null ? reread : newSession(session.sessionId, session.owner(), session.model), latest);
        }
        throw SessionStorageUnavailableException.tooBusy();
    }

    public Session find(String id, String owner) {
        String raw = storage(() -> store.get(id));
        Session session = raw == null ? null : parse(id, raw);
        if (session == null || !session.ownedBy(owner)) throw notFound();
        return session;
    }

    public void delete(String id, String owner) {
        find(id, owner);
        storage(() -> store.delete(id));
    }

    public long activeSessions() {
        return store.activeSessions();
    }

    private Session newSession(String id, String owner, String model) {
        Session s = new Session();
        s.sessionId = id;
        s.model = model;
        s.createdAt = SessionTime.now(clock);
        s.updatedAt = s.createdAt;
        s.ownBy(owner);
        return s;
    }

    /**
     * The stored document, tolerant of what the reference (or an older version of this server) may have left out:
     * a missing id, model, temperature or message list is filled in. A document that is not a session at all reads
     * as none, as the reference treats an undecodable one; the next save replaces it (compare-and-set on its text).
     */
    private Session parse(String id, String raw) {
        Session s;
        try {
            s = json.readValue(raw, Session.class);
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("Session document is not readable; it will be replaced on the next save");
            return null;
        }
        if (s == null) return null;
        if (s.sessionId == null || s.sessionId.isBlank()) s.sessionId = id;
        if (s.temperature == null) s.temperature = 0.7;
        if (s.messages == null) s.messages = new ArrayList<>();
        s.messages.removeIf(java.util.Objects::isNull);
        if (s.config == null) s.config = Session.referenceConfig();
        return s;
    }

    private static SessionNotFoundException notFound() {
        return new SessionNotFoundException();
    }

    private static <T> T storage(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RedisUnavailableException e) {
            throw SessionStorageUnavailableException.down();
        }
    }
}
