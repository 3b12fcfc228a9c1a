package io.consoul.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The response bodies of the chat routes, as the contract spells them. */
final class ChatResponses {
    private ChatResponses() {}

    record Chat(@JsonProperty("session_id") String sessionId, String response, String model, Usage usage, String timestamp) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BatchItem(int index, String response, Usage usage, String error) {}

    record Batch(@JsonProperty("session_id") String sessionId, List<BatchItem> responses,
                 @JsonProperty("total_usage") Usage totalUsage, String model, String timestamp,
                 @JsonProperty("processing_mode") String processingMode) {}

    record Done(@JsonProperty("session_id") String sessionId, Usage usage, String timestamp) {}

    record Token(String text) {}
}
