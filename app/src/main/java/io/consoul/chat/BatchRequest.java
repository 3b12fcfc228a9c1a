package io.consoul.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code /chat/batch}: 1 to 10 user messages, answered in order ({@code sequential}, the default) or at once. */
public record BatchRequest(
        @JsonProperty("session_id") @NotNull @Size(min = 1, max = 128) String sessionId,
        @NotNull @Size(min = 1, max = 10) List<@NotNull @Valid Item> messages,
        @Size(min = 1, max = 128) String model,
        Boolean sequential) {

    @Schema(name = "BatchMessage")
    public record Item(
            @Pattern(regexp = "user", message = "must be \"user\"") String role,
            @NotNull @Size(min = 1, max = 32768) String content) {
    }

    boolean inOrder() {
        return sequential == null || sequential;
    }
}
