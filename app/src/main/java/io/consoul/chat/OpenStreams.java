package io.consoul.chat;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Streams being written right now: reported by {@code /health} and awaited on shutdown. */
@Component
public class OpenStreams {
    private final AtomicInteger open = new AtomicInteger();

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    public int count() {
        return open.get();
    }
}
