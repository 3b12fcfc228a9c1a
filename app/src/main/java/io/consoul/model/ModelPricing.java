package io.consoul.model;

import java.util.Map;

/**
 * List prices in US dollars per million tokens (input, output), for {@code usage.estimated_cost}.
 * Longest matching prefix wins; unknown and local models cost 0. An estimate, not a bill.
 */
public final class ModelPricing {
    private record Price(double input, double output) {}

    private static final Map<String, Price> PRICES = Map.ofEntries(
            Map.entry("gpt-4o-mini", new Price(0.15, 0.60)),
            Map.entry("gpt-4o", new Price(2.50, 10.00)),
            Map.entry("gpt-4.1-mini", new Price(0.40, 1.60)),
            Map.entry("gpt-4.1", new Price(2.00, 8.00)),
            Map.entry("gpt-3.5-turbo", new Price(0.50, 1.50)),
            Map.entry("o3-mini", new Price(1.10, 4.40)),
            Map.entry("claude-3-5-haiku", new Price(0.80, 4.00)),
            Map.entry("claude-3-5-sonnet", new Price(3.00, 15.00)),
            Map.entry("claude-haiku-4-5", new Price(1.00, 5.00)),
            Map.entry("claude-sonnet-4", new Price(3.00, 15.00)),
            Map.entry("claude-opus-4", new Price(15.00, 75.00)));

    private ModelPricing() {}

    public static double estimate(String model, int inputTokens, int outputTokens) {
        Price price = PRICES.entrySet().stream()
                .filter(e -> model.startsWith(e.getKey()))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                .map(Map.Entry::getValue).orElse(new Price(0, 0));
        return (inputTokens * price.input() + outputTokens * price.output()) / 1_000_000.0;
    }
}
