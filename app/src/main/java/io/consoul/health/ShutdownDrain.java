package io.consoul.health;

import io.consoul.chat.OpenStreams;
import io.consoul.config.ConsoulProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first thing to stop on SIGTERM (highest phase), before the web server's graceful shutdown.
 *
 * <p>By now {@code /ready} already answers 503. For {@code CONSOUL_SHUTDOWN_DELAY} the server keeps accepting
 * requests so load balancers see the 503 and stop routing; then it waits for open streams, up to
 * {@code CONSOUL_GRACEFUL_TIMEOUT}. After this, Tomcat drains the remaining requests, and only then are the
 * Redis connections closed (bean destruction comes after every lifecycle stop).
 */
@Component
class ShutdownDrain implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration delay;
    private final Duration timeout;
    private final OpenStreams streams;
    private volatile boolean running;

    ShutdownDrain(ConsoulProperties p, OpenStreams streams) {
        this.delay = p.shutdownDelay();
        this.timeout = p.gracefulTimeout();
        this.streams = streams;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        log.info("Shutting down: not ready; draining for {} s, then waiting for {} open stream(s)",
                delay.toSeconds(), streams.count());
        long deadline = System.nanoTime() + timeout.toNanos();
        sleep(delay.toMillis());
        while (streams.count() > 0 && System.nanoTime() < deadline) sleep(50);
        if (streams.count() > 0) log.warn("{} stream(s) still open after the graceful timeout", streams.count());
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
