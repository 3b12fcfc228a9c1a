package io.consoul.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * {@code consoul_request_total}, {@code consoul_request_latency_seconds} and {@code consoul_errors_total} for every
 * request, labelled by route template (never the raw path, which would explode the series count).
 * Runs first, so even requests refused by the body-size filter are counted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestMetricsFilter extends OncePerRequestFilter {
    /** The reference's buckets: 0.01 0.05 0.1 0.25 0.5 1 2.5 5 10 30 60 seconds. */
    static final Duration[] BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MetersByLabels<Requests, Counter> requests;
    private final MetersByLabels<Route, Timer> latencies;
    private final MetersByLabels<Errors, Counter> errors;

    private record Requests(String endpoint, String method, int status, String model) {}

    private record Route(String endpoint, String method) {}

    private record Errors(String endpoint, String type) {}

    RequestMetricsFilter(MeterRegistry registry) {
        this.requests = new MetersByLabels<>(k -> Counter.builder("consoul.request").description("Total request count")
                .tags("endpoint", k.endpoint(), "method", k.method(), "status", Integer.toString(k.status()), "model", k.model())
                .register(registry));
        this.latencies = new MetersByLabels<>(k -> Timer.builder("consoul.request.latency").description("Request latency in seconds")
                .tags("endpoint", k.endpoint(), "method", k.method())
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
        this.errors = new MetersByLabels<>(k -> Counter.builder("consoul.errors").description("Error count")
                .tags("endpoint", k.endpoint(), "error_type", k.type()).register(registry));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, response.getStatus(), System.nanoTime() - start);
        }
    }

    private void record(HttpServletRequest request, int status, long nanos) {
        String endpoint = endpointOf(request);
        String method = request.getMethod();
        requests.get(new Requests(endpoint, method, status, RequestModel.of(request))).increment();
        latencies.get(new Route(endpoint, method)).record(nanos, TimeUnit.NANOSECONDS);
        if (status >= 400) {
            String type = status == 500 ? "unhandled_exception" : status >= 500 ? "server_error" : "client_error";
            errors.get(new Errors(endpoint, type)).increment();
        }
    }

    private static String endpointOf(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern == null || "/error".equals(pattern) ? "unmatched" : pattern.toString();
    }
}
