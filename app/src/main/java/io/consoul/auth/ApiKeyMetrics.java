package io.consoul.auth;

import io.consoul.metrics.MetersByLabels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference's per-key families: {@code consoul_api_key_requests_total{api_key_id}} and
 * {@code consoul_api_key_last_used_timestamp{api_key_id}}, labelled with the redacted key id (never the key).
 * One series per configured key, so the count stays bounded.
 */
final class ApiKeyMetrics {
    private final MeterRegistry registry;
    private final MetersByLabels<String, KeyMeters> byKey = new MetersByLabels<>(this::register);

    ApiKeyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void used(Caller caller) {
        KeyMeters meters = byKey.get(caller.keyId());
        meters.requests.increment();
        meters.lastUsedSeconds.set(System.currentTimeMillis() / 1000);
    }

    private KeyMeters register(String id) {
        AtomicLong seconds = new AtomicLong();
        Gauge.builder("consoul.api.key.last.used.timestamp", seconds, AtomicLong::get)
                .description("Unix timestamp of last request by API key").tag("api_key_id", id).register(registry);
        Counter requests = Counter.builder("consoul.api.key.requests").description("Total requests by API key (redacted identifier)")
                .tag("api_key_id", id).register(registry);
        return new KeyMeters(requests, seconds);
    }

    private record KeyMeters(Counter requests, AtomicLong lastUsedSeconds) {
    }
}
