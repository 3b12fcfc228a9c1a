package io.consoul.model;

/** One model reply and what it cost in tokens. */
public record Completion(String text, int inputTokens, int outputTokens) {
    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
