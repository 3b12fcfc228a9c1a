package io.consoul.metrics;

import io.consoul.model.Completion;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code consoul_token_usage_total{direction,model}}: no session label, so the series count stays small. */
@Component
public class TokenMetrics {
    private final MeterRegistry registry;

    TokenMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String model, Completion completion) {
        registry.counter("consoul.token.usage", "direction", "input", "model", model).increment(completion.inputTokens());
        registry.counter("consoul.token.usage", "direction", "output", "model", model).increment(completion.outputTokens());
    }
}
