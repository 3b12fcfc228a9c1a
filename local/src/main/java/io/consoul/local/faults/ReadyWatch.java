package io.consoul.local.faults;

import io.consoul.client.ConsoulClient;
import io.consoul.client.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Polls one instance's {@code /ready} every 100 ms: did it drop to 503, for how long, and did it come back? */
final class ReadyWatch {
    private final ConsoulClient client;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean dropped;
    private volatile boolean recovered;
    private volatile long notReadyNanos;
    private Thread thread;

    ReadyWatch(String url) {
        this.client = ConsoulClient.builder(url).retry(RetryPolicy.NONE).requestTimeout(Duration.ofSeconds(3)).build();
    }

    ReadyWatch start() {
        thread = new Thread(() -> {
            long last = System.nanoTime();
            while (running.get()) {
                boolean ready;
                try {
                    ready = client.ready().ready();
                } catch (RuntimeException e) {
                    ready = false;
                }
                long now = System.nanoTime();
                if (!ready) {
                    dropped = true;
                    notReadyNanos += now - last;
                } else if (dropped) {
                    recovered = true;
                }
                last = now;
                Scenarios.sleep(Duration.ofMillis(100));
            }
        }, "ready-watch");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    void stop() {
        running.set(false);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean dropped() {
        return dropped;
    }

    boolean recovered() {
        return recovered;
    }

    double notReadySeconds() {
        return notReadyNanos / 1e9;
    }
}
