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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private final MeterRegistry registry;
    // Each meter is built and registered once per label set, then found here: a map lookup per request instead of
    // a builder, tag sorting and the registry's own lookup. The label sets are bounded (route templates, models).
    private final Map<Requests, Counter> requests = new ConcurrentHashMap<>();
    private final Map<Route, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<Errors, Counter> errors = new ConcurrentHashMap<>();

    private record Requests(String endpoint, String method, int status, String model) {}

    private record Route(String endpoint, String method) {}

    private record Errors(String endpoint, String type) {}

    RequestMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
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
        requests.computeIfAbsent(new Requests(endpoint, method, status, RequestModel.of(request)), k ->
                Counter.builder("consoul.request").description("Total request count")
                        .tags("endpoint", k.endpoint(), "method", k.method(), "status", Integer.toString(k.status()), "model", k.model())
                        .register(registry)).increment();
        latencies.computeIfAbsent(new Route(endpoint, method), k ->
                Timer.builder("consoul.request.latency").description("Request latency in seconds")
                        .tags("endpoint", k.endpoint(), "method", k.method())
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        if (status >= 400) {
            String type = status == 500 ? "unhandled_exception" : status >= 500 ? "server_error" : "client_error";
            errors.computeIfAbsent(new Errors(endpoint, type), k -> Counter.builder("consoul.errors").description("Error count")
                    .tags("endpoint", k.endpoint(), "error_type", k.type()).register(registry)).increment();
        }
    }

    private static String endpointOf(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern == null || "/error".equals(pattern) ? "unmatched" : pattern.toString();
    }
}
