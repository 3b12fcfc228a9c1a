package io.consoul.session;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The most history a stored session keeps: {@code maxMessages} messages and {@code maxBytes} bytes of its JSON
 * document (UTF-8, as Redis stores it). Past either, the oldest turns are dropped from storage, whole turns only
 * (a user message and the replies after it), so the history still starts with a user message. Two things are
 * always kept: a leading system message and the newest turn, even when they alone exceed the bound (dropping the
 * turn just answered would lose what the client was told). With the defaults (100 messages, 10,000 bytes) a
 * session is at most the scaling guide's 10 KB, which is what the capacity planner sizes Redis with.
 *
 * <p>The work is proportional to the bounded document: a session never holds more than one turn past its bound.
 */
public record SessionBound(int maxMessages, int maxBytes) {
    /** A system message and one turn: a bound below this could keep nothing else anyway. */
    static final int MIN_MESSAGES = 3;
    /** Room for the document's own fields and one short turn. */
    static final int MIN_BYTES = 1_024;

    public SessionBound {
        if (maxMessages < MIN_MESSAGES) {
            throw new IllegalArgumentException("CONSOUL_SESSION_MAX_MESSAGES must be at least " + MIN_MESSAGES
                    + " (a system message and one turn), got " + maxMessages);
        }
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("CONSOUL_SESSION_MAX_BYTES must be at least " + MIN_BYTES
                    + " bytes, got " + maxBytes);
        }
    }

    /**
     * Drops the oldest turns of {@code session} until it is within the bound, and returns its JSON document. The
     * dropped count is added to the session's {@link Session#trimmedMessages()} and returned in {@link Trimmed}.
     */
    Trimmed apply(Session session, JsonMapper json) {
        List<Session.Message> messages = session.messages;
        int floor = !messages.isEmpty() && "system".equals(messages.get(0).role) ? 1 : 0;
        int newestTurn = newestTurnStart(messages, floor);
        String document = json.writeValueAsString(session);
        int bytes = utf8Length(document);
        int dropped = 0;
        while ((messages.size() > maxMessages || bytes > maxBytes) && floor < newestTurn) {
            List<Session.Message> turn = messages.subList(floor, nextTurnStart(messages, floor, newestTurn));
            // An estimate, so a long history is not written out once per dropped turn.
            for (Session.Message m : turn) bytes -= utf8Length(json.writeValueAsString(m)) + 1;
            int count = turn.size();
            turn.clear();
            newestTurn -= count;
            dropped += count;
            session.addTrimmed(count);
            if (bytes <= maxBytes || floor >= newestTurn) {
                // The estimate says it fits, or nothing more may go: measure the real document (the count is in it).
                document = json.writeValueAsString(session);
                bytes = utf8Length(document);
            }
        }
        return new Trimmed(document, dropped);
    }

    /** The document to store and how many messages were dropped from it on this save. */
    record Trimmed(String document, int dropped) {}

    /** Index of the last user message (the newest turn's start); {@code floor} if there is none after it. */
    private static int newestTurnStart(List<Session.Message> messages, int floor) {
        for (int i = messages.size() - 1; i > floor; i--) {
            if ("user".equals(messages.get(i).role)) return i;
        }
        return floor;
    }

    /** Where the turn starting at {@code from} ends: the next user message after it, at most {@code limit}. */
    private static int nextTurnStart(List<Session.Message> messages, int from, int limit) {
        int i = from + 1;
        while (i < limit && !"user".equals(messages.get(i).role)) i++;
        return i;
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes++;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c)) { bytes += 4; i++; }
            else bytes += 3;
        }
        return bytes;
    }
}
