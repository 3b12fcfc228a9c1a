package io.consoul.model;

/**
 * One message of a prompt, as a model is sent it: {@code role} is {@code system}, {@code user} or {@code assistant}.
 * The model side's own type, so providers depend neither on how sessions are stored nor on the HTTP requests.
 */
public record ModelMessage(String role, String content) {
    public static ModelMessage user(String content) {
        return new ModelMessage("user", content);
    }

    public static ModelMessage assistant(String content) {
        return new ModelMessage("assistant", content);
    }
}
