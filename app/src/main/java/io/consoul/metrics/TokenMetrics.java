package io.consoul.metrics;

import io.consoul.model.Completion;
import io.micrometer.core.instrument.Counter;
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
        tokens("input", model).increment(completion.inputTokens());
        tokens("output", model).increment(completion.outputTokens());
    }

    private Counter tokens(String direction, String model) {
        return Counter.builder("consoul.token.usage").description("Token usage count")
                .tags("direction", direction, "model", model).register(registry);
    }
}
