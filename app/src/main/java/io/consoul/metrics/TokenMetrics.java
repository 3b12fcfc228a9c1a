package io.consoul.metrics;

import io.consoul.model.Completion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** {@code consoul_token_usage_total{direction,model}}: no session label, so the series count stays small. */
@Component
public class TokenMetrics {
    private final MeterRegistry registry;
    /** Per model its input and output counters, registered on the model's first use (see RequestMetricsFilter). */
    private final Map<String, Counter[]> byModel = new ConcurrentHashMap<>();

    TokenMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String model, Completion completion) {
        Counter[] counters = byModel.computeIfAbsent(model, m -> new Counter[] {tokens("input", m), tokens("output", m)});
        counters[0].increment(completion.inputTokens());
        counters[1].increment(completion.outputTokens());
    }

    private Counter tokens(String direction, String model) {
        return Counter.builder("consoul.token.usage").description("Token usage count")
                .tags("direction", direction, "model", model).register(registry);
    }
}
