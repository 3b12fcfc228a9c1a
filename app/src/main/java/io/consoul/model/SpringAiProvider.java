package io.consoul.model;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Any Spring AI {@link ChatModel} as a {@link ModelProvider}: one adapter for OpenAI, Anthropic and Ollama, so
 * the conversation mapping, usage accounting and streaming are written once. Timeouts and circuit breaking are
 * not here but in {@link GuardedProvider}, which wraps every instance.
 */
final class SpringAiProvider implements ModelProvider {
    private final ModelFamily family;
    private final ChatModel chatModel;

    SpringAiProvider(ModelFamily family, ChatModel chatModel) {
        this.family = family;
        this.chatModel = chatModel;
    }

    @Override
    public String name() {
        return family.providerName();
    }

    @Override
    public boolean serves(String model) {
        return family.serves(model);
    }

    @Override
    public Completion complete(String model, List<ModelMessage> conversation) {
        try {
            ChatResponse response = chatModel.call(prompt(model, conversation));
            TokenCount tokens = new TokenCount();
            tokens.add(response);
            return tokens.completion(text(response));
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ModelException.from(name(), e);
        }
    }

    /** Blocks until the stream ends, handing each piece to {@code onToken} as soon as the provider sends it. */
    @Override
    public Completion stream(String model, List<ModelMessage> conversation, Consumer<String> onToken) {
        StringBuilder reply = new StringBuilder();
        TokenCount tokens = new TokenCount();
        try {
            chatModel.stream(prompt(model, conversation)).doOnNext(response -> {
                tokens.add(response);
                String piece = text(response);
                if (piece.isEmpty()) return;
                reply.append(piece);
                onToken.accept(piece);
            }).blockLast();
        } catch (RuntimeException e) {
            throw ModelException.from(name(), e);
        }
        return tokens.completion(reply.toString());
    }

    /** Options are copied from the model's defaults with only the model name changed: per request, not per bean. */
    private Prompt prompt(String model, List<ModelMessage> conversation) {
        List<Message> messages = conversation.stream().map(SpringAiProvider::toSpringAi).toList();
        return new Prompt(messages, chatModel.getOptions().mutate().model(model).build());
    }

    private static Message toSpringAi(ModelMessage message) {
        String content = Objects.requireNonNullElse(message.content(), "");
        return switch (Objects.requireNonNullElse(message.role(), "user")) {
            case "system" -> new SystemMessage(content);
            case "assistant" -> new AssistantMessage(content);
            default -> new UserMessage(content);
        };
    }

    private static String text(ChatResponse response) {
        if (response == null || response.getResult() == null) return "";
        return Objects.requireNonNullElse(response.getResult().getOutput().getText(), "");
    }

    /**
     * Usage as the providers report it while streaming: OpenAI once at the end, Anthropic input tokens at the
     * start and output tokens at the end, Ollama in the last chunk. Counts only grow, so the largest seen wins.
     */
    private static final class TokenCount {
        private int input;
        private int output;

        void add(ChatResponse response) {
            if (response == null || response.getMetadata() == null) return;
            Usage usage = response.getMetadata().getUsage();
            if (usage == null) return;
            input = Math.max(input, Objects.requireNonNullElse(usage.getPromptTokens(), 0));
            output = Math.max(output, Objects.requireNonNullElse(usage.getCompletionTokens(), 0));
        }

        Completion completion(String text) {
            return new Completion(text, input, output);
        }
    }
}
