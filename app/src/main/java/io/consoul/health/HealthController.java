package io.consoul.health;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.consoul.chat.OpenStreams;
import io.consoul.config.ConsoulProperties;
import io.consoul.redis.RedisHealth;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /health} (liveness: never touches Redis) and {@code /ready} (readiness: Redis answers and the process is
 * not shutting down). Readiness follows Spring Boot's availability state, which turns to REFUSING_TRAFFIC the
 * moment shutdown begins, before the server stops accepting connections.
 */
@RestController
class HealthController {
    private final String version;
    private final String service;
    private final OpenStreams streams;
    private final RedisHealth redis;
    private final ApplicationAvailability availability;
    private final boolean fallbackEnabled;

    HealthController(ConsoulProperties p, ObjectProvider<BuildProperties> build, OpenStreams streams,
                     RedisHealth redis, ApplicationAvailability availability) {
        this.version = p.version() != null && !p.version().isBlank() ? p.version()
                : build.getIfAvailable() != null ? build.getIfAvailable().getVersion() : "dev";
        this.service = p.appName();
        this.streams = streams;
        this.redis = redis;
        this.availability = availability;
        this.fallbackEnabled = p.redisFallbackEnabled();
    }

    /** Liveness body. {@code connections}: Server-Sent Event streams open on this instance. */
    record Health(String status, String service, String version, String timestamp, int connections) {}

    /** Readiness body; {@code checks} holds {@code redis} (boolean) or the stores' kinds, {@code message} why not ready. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ready(String status, Map<String, Object> checks, String message, String timestamp) {}

    @Operation(operationId = "health", summary = "Liveness: the process serves HTTP; never touches Redis")
    @GetMapping("/health")
    Health health() {
        return new Health("ok", service, version, Instant.now().toString(), streams.count());
    }

    @Operation(operationId = "ready", summary = "Readiness: Redis usable and not shutting down; 503 otherwise")
    @GetMapping("/ready")
    ResponseEntity<Ready> ready() {
        Map<String, Object> checks = new LinkedHashMap<>();
        String message = null;
        boolean ready;
        if (!redis.configured()) {
            checks.put("session_store", "memory");
            checks.put("rate_limit_store", "memory");
            ready = true;
        } else {
            boolean up = redis.check();
            checks.put("redis", up);
            ready = up || fallbackEnabled;
            if (!up && fallbackEnabled) {
                checks.put("session_store", "degraded");
                message = "Running in fallback mode";
            } else if (!up) {
                message = "Redis connection failed";
            }
        }
        if (availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC) {
            ready = false;
            message = "Shutting down";
        }
        return ResponseEntity.status(ready ? 200 : 503)
                .body(new Ready(ready ? "ready" : "not_ready", checks, message, Instant.now().toString()));
    }
}
