package io.consoul.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The echo model's token counts (words) are what they were when a regex counted them: usage figures stay put. */
class EchoModelWordsTest {

    @Test
    void countsRunsOfNonWhitespaceLikeSplittingOnTheRegexWhitespaceClass() {
        String[] texts = {"one two three four five six seven eight nine ten", "  leading and trailing  ", "tabs\tand\nnew\r\nlines",
                "Echo: héllo wörld — ünïcode", "a\u00a0b (no-break space is not \\s)", "x\u000By\fz", "single", "   ", "",
                "benchmark message 12345"};
        for (String text : texts) {
            int regex = text.isBlank() ? 0 : text.trim().split("\\s+").length;
            assertThat(EchoModel.words(text)).as("'%s'", text).isEqualTo(regex);
        }
        assertThat(EchoModel.words(null)).isZero();
    }
}
