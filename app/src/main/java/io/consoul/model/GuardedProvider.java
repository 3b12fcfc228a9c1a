package io.consoul.model;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider with a timeout and its own circuit breaker, so one slow or failing provider neither holds request
 * threads nor is hammered while it is down, and the others keep serving. Written once for every real provider.
 *
 * <p>The provider runs on a {@code calls} thread while the caller waits, so a stall is cut off at the timeout
 * even when the client library blocks uninterruptibly. For {@link #complete} the timeout bounds the whole call;
 * for {@link #stream} it bounds the wait for each piece (the first token, then every gap), because a long reply
 * that keeps streaming is healthy. Streamed pieces are handed to {@code onToken} on the caller's thread.
 *
 * <p>Timeouts and provider errors count as breaker failures; an {@code onToken} failure (the client went away)
 * does not. While the breaker is open, calls fail at once as a provider error (502) without reaching the provider.
 */
final class GuardedProvider implements ModelProvider {
    private static final Logger log = LoggerFactory.getLogger(GuardedProvider.class);

    /** The reference's defaults ({@code CONSOUL_CIRCUIT_BREAKER_*}): 5 failures in a row open it for 60 s. */
    static final CircuitBreakerConfig BREAKER = breakerConfig(5, 3, Duration.ofSeconds(60));

    /**
     * The reference's breaker in resilience4j's terms: {@code failureThreshold} consecutive failures open it (a
     * count window of that size, all failed); after {@code timeout} it lets {@code successThreshold} trial calls
     * through and closes when they succeed; a failed trial call opens it again at once (see {@link #failed}).
     */
    static CircuitBreakerConfig breakerConfig(int failureThreshold, int successThreshold, Duration timeout) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failureThreshold)
                .minimumNumberOfCalls(failureThreshold)
                .failureRateThreshold(100)
                .waitDurationInOpenState(timeout)
                .permittedNumberOfCallsInHalfOpenState(successThreshold)
                .recordExceptions(ModelException.class)
                .build();
    }

    private final ModelProvider delegate;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final ExecutorService calls;

    GuardedProvider(ModelProvider delegate, Duration timeout, CircuitBreakerConfig breakerConfig,
                    ExecutorService calls) {
        this(delegate, timeout, breakerConfig, calls, BreakerMetrics.NONE, true);
    }

    GuardedProvider(ModelProvider delegate, Duration timeout, CircuitBreakerConfig breakerConfig,
                    ExecutorService calls, BreakerMetrics metrics, boolean breakerEnabled) {
        this.delegate = delegate;
        this.timeout = timeout;
        this.calls = calls;
        this.breaker = CircuitBreaker.of(delegate.name(), breakerConfig);
        breaker.getEventPublisher().onStateTransition(e ->
                log.warn("Model provider '{}' circuit breaker: {}", delegate.name(), e.getStateTransition()));
        metrics.watch(delegate.name(), breaker);
        if (!breakerEnabled) breaker.transitionToDisabledState();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean serves(String model) {
        return delegate.serves(model);
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    @Override
    public Completion complete(String model, List<ModelMessage> conversation) {
        acquirePermission();
        long start = System.nanoTime();
        Future<Completion> call = calls.submit(() -> delegate.complete(model, conversation));
        try {
            Completion completion = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return completion;
        } catch (TimeoutException e) {
            call.cancel(true);
            throw failed(start, new ModelException(name() + " timed out after " + timeout, true, e));
        } catch (ExecutionException e) {
            throw failed(start, ModelException.from(name(), e.getCause()));
        } catch (InterruptedException e) {
            call.cancel(true);
            breaker.releasePermission();
            Thread.currentThread().interrupt();
            throw new ModelException(name() + " call interrupted", false, e);
        }
    }

    @Override
    public Completion stream(String model, List<ModelMessage> conversation, Consumer<String> onToken) {
        acquirePermission();
        long start = System.nanoTime();
        BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
        Future<?> call = calls.submit(() -> {
            try {
                events.add(new Done(delegate.stream(model, conversation, piece -> events.add(new Token(piece)))));
            } catch (Throwable t) {
                events.add(new Failed(t));
            }
        });
        try {
            while (true) {
                StreamEvent event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    call.cancel(true);
                    throw failed(start, new ModelException(name() + " sent nothing for " + timeout, true, null));
                }
                if (event instanceof Token token) {
                    deliver(token.piece(), onToken, call);
                } else if (event instanceof Done done) {
                    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    return done.completion();
                } else {
                    throw failed(start, ModelException.from(name(), ((Failed) event).failure()));
                }
            }
        } catch (InterruptedException e) {
            call.cancel(true);
            breaker.releasePermission();
            Thread.currentThread().interrupt();
            throw new ModelException(name() + " stream interrupted", false, e);
        }
    }

    /** A failing {@code onToken} is the caller's problem, not the provider's: stop the stream, blame no one. */
    private void deliver(String piece, Consumer<String> onToken, Future<?> call) {
        try {
            onToken.accept(piece);
        } catch (RuntimeException e) {
            call.cancel(true);
            breaker.releasePermission();
            throw e;
        }
    }

    private void acquirePermission() {
        if (!breaker.tryAcquirePermission()) {
            throw new ModelException(name() + " circuit breaker is open", false, true, null);
        }
    }

    /** Records the failure with the breaker and logs it; the cause's text stays in the log, never the response. */
    private ModelException failed(long start, ModelException e) {
        boolean trial = breaker.getState() == CircuitBreaker.State.HALF_OPEN;
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        if (trial && breaker.getState() == CircuitBreaker.State.HALF_OPEN) breaker.transitionToOpenState();
        Throwable cause = e.getCause();
        log.warn("Model provider '{}' {}{}", name(), e.timeout() ? "timed out" : "failed",
                cause == null || e.timeout() ? "" : ": " + cause);
        return e;
    }

    private sealed interface StreamEvent permits Token, Done, Failed {}

    private record Token(String piece) implements StreamEvent {}

    private record Done(Completion completion) implements StreamEvent {}

    private record Failed(Throwable failure) implements StreamEvent {}
}
