package io.consoul.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.consoul.model.Completion;
import io.consoul.model.ModelPricing;

/** Token counts and an estimated cost in US dollars. */
public record Usage(
        @JsonProperty("input_tokens") int inputTokens,
        @JsonProperty("output_tokens") int outputTokens,
        @JsonProperty("total_tokens") int totalTokens,
        @JsonProperty("estimated_cost") double estimatedCost) {

    static final Usage NONE = new Usage(0, 0, 0, 0);

    static Usage of(String model, Completion c) {
        return new Usage(c.inputTokens(), c.outputTokens(), c.totalTokens(),
                ModelPricing.estimate(model, c.inputTokens(), c.outputTokens()));
    }

    Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                totalTokens + other.totalTokens, estimatedCost + other.estimatedCost);
    }
}
