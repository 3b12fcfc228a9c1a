package io.consoul.client;

import java.util.List;
import java.util.Map;

/** The typed answers of the API; JSON field names are the snake_case forms of these component names. */
public final class Responses {
    private Responses() {}

    public record Usage(int inputTokens, int outputTokens, int totalTokens, double estimatedCost) {}

    public record ChatResponse(String sessionId, String response, String model, Usage usage, String timestamp) {}

    /** An item's error: the server's error body ({@code code} E…, {@code error} name, {@code message}). */
    public record ItemError(String code, String error, String message, boolean recoverable, Integer retryAfter) {}

    /** One item of a batch: {@code response} and {@code usage}, or {@code error}. */
    public record BatchItem(int index, String response, Usage usage, ItemError error) {
        public boolean failed() {
            return error != null;
        }
    }

    public record BatchResponse(String sessionId, List<BatchItem> responses, Usage totalUsage, String model,
                                String timestamp, String processingMode) {}

    /** The end of a stream: the whole reply as received, and the usage from the {@code done} event. */
    public record StreamResult(String sessionId, String text, Usage usage, String timestamp) {}

    public record Message(String role, String content) {}

    public record Session(String sessionId, String model, List<Message> messages, int messageCount,
                          String createdAt, String updatedAt) {}

    public record Health(String status, String service, String version, String timestamp, int connections) {}

    /** {@code /ready}; a 503 is returned as {@code ready() == false}, not thrown. */
    public record Readiness(String status, Map<String, Object> checks, String message, String timestamp) {
        public boolean ready() {
            return "ready".equals(status);
        }
    }
}
