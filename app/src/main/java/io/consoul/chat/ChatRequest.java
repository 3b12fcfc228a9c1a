package io.consoul.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code /chat} and {@code /chat/stream}. {@code model} only applies when the session is created. */
public record ChatRequest(
        @JsonProperty("session_id") @NotNull @Size(min = 1, max = 128) String sessionId,
        @NotNull @Size(min = 1, max = 32768) String message,
        @Size(min = 1, max = 128) String model) {
}
