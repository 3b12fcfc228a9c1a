package io.consoul.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.consoul.web.ErrorBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The response bodies of the chat routes, as the contract spells them. */
public final class ChatResponses {
    private ChatResponses() {}

    @Schema(name = "ChatResponse")
    record Chat(@JsonProperty("session_id") String sessionId, String response, String model, Usage usage, String timestamp) {}

    @Schema(name = "BatchItemResult", description = "One message's answer: response and usage, or error (the error body, as the reference sends it)")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BatchItem(int index, String response, Usage usage, ErrorBody error) {}

    @Schema(name = "BatchResponse")
    record Batch(@JsonProperty("session_id") String sessionId, List<BatchItem> responses,
                 @JsonProperty("total_usage") Usage totalUsage, String model, String timestamp,
                 @JsonProperty("processing_mode") String processingMode) {}

    @Schema(name = "DoneEvent", description = "data of the final `done` event")
    public record Done(@JsonProperty("session_id") String sessionId, Usage usage, String timestamp) {}

    @Schema(name = "TokenEvent", description = "data of each `token` event: the next piece of the reply")
    public record Token(String text) {}
}
