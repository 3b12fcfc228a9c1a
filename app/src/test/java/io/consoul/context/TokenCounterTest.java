package io.consoul.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.session.Session;
import org.junit.jupiter.api.Test;

/** OpenAI's own encodings where they apply, the documented estimate elsewhere. */
class TokenCounterTest {
    final TokenCounter counter = new TokenCounter();
    final Session.Message hello = Session.Message.user("Hello world");

    @Test
    void openAiMessagesCostTheirTokensPlusTheRoleMarkers() {
        // "Hello world" is two tokens in both o200k_base and cl100k_base
        assertThat(counter.forModel("gpt-4o").message(hello)).isEqualTo(2 + TokenCounter.PER_MESSAGE);
        assertThat(counter.forModel("gpt-4").message(hello)).isEqualTo(2 + TokenCounter.PER_MESSAGE);
    }

    @Test
    void eachModelGenerationGetsTiktokensEncoding() {
        assertThat(TokenCounter.usesCl100k("gpt-4")).isTrue();
        assertThat(TokenCounter.usesCl100k("gpt-4-turbo")).isTrue();
        assertThat(TokenCounter.usesCl100k("gpt-3.5-turbo")).isTrue();
        assertThat(TokenCounter.usesCl100k("gpt-4o-mini")).isFalse();
        assertThat(TokenCounter.usesCl100k("gpt-4.1")).isFalse();
        assertThat(TokenCounter.usesCl100k("o3-mini")).isFalse();
        // the encodings really differ: o200k_base packs this text into fewer tokens than cl100k_base
        Session.Message text = Session.Message.user("Überprüfung der Konfiguration: 東京都の天気は晴れです。");
        assertThat(counter.forModel("gpt-4o").message(text)).isLessThan(counter.forModel("gpt-4").message(text));
    }

    @Test
    void otherModelsAreEstimatedAboveCl100kBase() {
        Session.Message text = Session.Message.user("lorem ipsum dolor sit amet ".repeat(40));
        int cl100k = counter.forModel("gpt-4").message(text) - TokenCounter.PER_MESSAGE;
        int estimate = counter.forModel("claude-haiku-4-5").message(text) - TokenCounter.PER_MESSAGE;
        assertThat(estimate).isEqualTo((int) Math.ceil(cl100k * TokenCounter.ESTIMATE_MARGIN));
        assertThat(counter.forModel("llama3.2").message(text)).isEqualTo(estimate + TokenCounter.PER_MESSAGE);
    }
}
