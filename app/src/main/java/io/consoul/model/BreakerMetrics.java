package io.consoul.model;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The reference's circuit-breaker families, per provider: {@code consoul_circuit_breaker_state} (0 closed,
 * 1 half-open, 2 open), {@code consoul_circuit_breaker_trips_total} (times it opened) and
 * {@code consoul_circuit_breaker_rejections_total} (calls refused while open).
 */
interface BreakerMetrics {
    BreakerMetrics NONE = (provider, breaker) -> {};

    void watch(String provider, CircuitBreaker breaker);

    static BreakerMetrics to(MeterRegistry registry) {
        return (provider, breaker) -> {
            Gauge.builder("consoul.circuit.breaker.state", breaker, b -> switch (b.getState()) {
                        case HALF_OPEN -> 1;
                        case OPEN, FORCED_OPEN -> 2;
                        default -> 0;
                    }).description("Circuit breaker state (0=closed, 1=half-open, 2=open)")
                    .tag("provider", provider).register(registry);
            Counter trips = Counter.builder("consoul.circuit.breaker.trips")
                    .description("Total number of times circuit breaker has tripped").tag("provider", provider).register(registry);
            Counter rejections = Counter.builder("consoul.circuit.breaker.rejections")
                    .description("Total requests rejected by open circuit breaker").tag("provider", provider).register(registry);
            breaker.getEventPublisher()
                    .onStateTransition(e -> {
                        if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) trips.increment();
                    })
                    .onCallNotPermitted(e -> rejections.increment());
        };
    }
}
