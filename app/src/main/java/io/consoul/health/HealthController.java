package io.consoul.health;

import io.consoul.chat.OpenStreams;
import io.consoul.config.ConsoulProperties;
import io.consoul.redis.RedisHealth;
import io.consoul.session.SessionStatus;
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
    private final OpenStreams streams;
    private final RedisHealth redis;
    private final SessionStatus sessionStatus;
    private final ApplicationAvailability availability;
    private final boolean fallbackEnabled;

    HealthController(ConsoulProperties p, ObjectProvider<BuildProperties> build, OpenStreams streams,
                     RedisHealth redis, SessionStatus sessionStatus, ApplicationAvailability availability) {
        this.version = p.version() != null && !p.version().isBlank() ? p.version()
                : build.getIfAvailable() != null ? build.getIfAvailable().getVersion() : "dev";
        this.streams = streams;
        this.redis = redis;
        this.sessionStatus = sessionStatus;
        this.availability = availability;
        this.fallbackEnabled = p.redisFallbackEnabled();
    }

    @GetMapping("/health")
    Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("service", "Consoul API");
        body.put("version", version);
        body.put("timestamp", Instant.now().toString());
        body.put("connections", streams.count());
        return body;
    }

    @GetMapping("/ready")
    ResponseEntity<Map<String, Object>> ready() {
        Map<String, Object> checks = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
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
                body.put("message", "Running in fallback mode");
            } else if (!up) {
                body.put("message", "Redis connection failed");
            }
        }
        if (availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC) {
            ready = false;
            body.put("message", "Shutting down");
        }
        body.put("status", ready ? "ready" : "not_ready");
        body.put("checks", checks);
        body.put("timestamp", Instant.now().toString());
        body.putIfAbsent("message", null);
        if (body.get("message") == null) body.remove("message");
        return ResponseEntity.status(ready ? 200 : 503).body(body);
    }
}
