package io.consoul.model;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The built-in {@code echo} model for development and load tests: replies {@code "Echo: <last user message>"},
 * deterministically, with word counts as token counts. It is the default only when no real provider is configured.
 */
final class EchoModel implements ModelProvider {
    static final String NAME = "echo";

    private final Duration tokenDelay;

    EchoModel(Duration tokenDelay) {
        this.tokenDelay = tokenDelay;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean serves(String model) {
        return NAME.equals(model);
    }

    @Override
    public Completion complete(String model, List<ModelMessage> conversation) {
        String reply = "Echo: " + lastUserMessage(conversation);
        return new Completion(reply, words(conversation), words(reply));
    }

    @Override
    public Completion stream(String model, List<ModelMessage> conversation, Consumer<String> onToken) {
        Completion completion = complete(model, conversation);
        String[] pieces = completion.text().split("(?<= )");
        for (String piece : pieces) {
            pause();
            onToken.accept(piece);
        }
        return completion;
    }

    private void pause() {
        if (tokenDelay.isZero()) return;
        try {
            Thread.sleep(tokenDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("echo stream interrupted", false, e);
        }
    }

    private static String lastUserMessage(List<ModelMessage> conversation) {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            if ("user".equals(conversation.get(i).role())) return conversation.get(i).content();
        }
        return "";
    }

    private static int words(List<ModelMessage> conversation) {
        return conversation.stream().mapToInt(m -> words(m.content())).sum();
    }

    /** Runs of non-whitespace, as {@code text.trim().split("\\s+").length} counts them, without a regex per message. */
    static int words(String text) {
        if (text == null) return 0;
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r'; // regex \\s
            if (!space && !inWord) words++;
            inWord = !space;
        }
        return words;
    }
}
