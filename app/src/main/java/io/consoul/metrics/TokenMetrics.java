package io.consoul.metrics;

import io.consoul.model.Completion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code consoul_token_usage_total{direction,model}}: no session label, so the series count stays small. */
@Component
public class TokenMetrics {
    private final MetersByLabels<String, ModelTokens> byModel;

    private record ModelTokens(Counter input, Counter output) {
    }

    TokenMetrics(MeterRegistry registry) {
        this.byModel = new MetersByLabels<>(model -> new ModelTokens(tokens(registry, "input", model), tokens(registry, "output", model)));
    }

    public void record(String model, Completion completion) {
        ModelTokens tokens = byModel.get(model);
        tokens.input().increment(completion.inputTokens());
        tokens.output().increment(completion.outputTokens());
    }

    private static Counter tokens(MeterRegistry registry, String direction, String model) {
        return Counter.builder("consoul.token.usage").description("Token usage count")
                .tags("direction", direction, "model", model).register(registry);
    }
}
