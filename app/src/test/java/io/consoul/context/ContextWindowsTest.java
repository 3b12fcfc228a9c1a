package io.consoul.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The window table, its family floors and the setting over them. */
class ContextWindowsTest {
    final ContextWindows table = new ContextWindows(Map.of());

    @Test
    void openAiModelsTakeTheirDocumentedWindowAndDatedNamesTheirBase() {
        assertThat(table.of("gpt-4o-mini")).isEqualTo(128_000);
        assertThat(table.of("gpt-4o-2024-08-06")).isEqualTo(128_000);
        assertThat(table.of("gpt-4.1-nano")).isEqualTo(1_047_576);
        assertThat(table.of("gpt-4")).isEqualTo(8_192);
        assertThat(table.of("gpt-4-turbo-2024-04-09")).isEqualTo(128_000);
        assertThat(table.of("gpt-3.5-turbo")).isEqualTo(16_385);
        assertThat(table.of("o1-mini")).isEqualTo(128_000);
        assertThat(table.of("o3-mini")).isEqualTo(200_000);
        assertThat(table.of("gpt-5-mini")).isEqualTo(272_000);
    }

    @Test
    void unlistedNamesGetTheirFamilysFloorAndUnknownNamesTheReferencesDefault() {
        assertThat(table.of("gpt-6")).isEqualTo(128_000);
        assertThat(table.of("claude-opus-9")).isEqualTo(200_000);
        assertThat(table.of("mistral-large")).isEqualTo(4_096);
    }

    @Test
    void ollamaModelsGetTheWindowOllamaRunsThemWithEvenWhenNamedLikeAnotherVendors() {
        assertThat(table.of("llama3.2")).isEqualTo(4_096);
        assertThat(table.of("qwen2.5:7b")).isEqualTo(4_096);
        assertThat(table.of("gpt-oss:20b")).isEqualTo(4_096);
    }

    @Test
    void theSettingOverridesTheTableByLongestPrefix() {
        ContextWindows windows = new ContextWindows(ContextConfig.parseWindows(
                "{\"llama3\":8192,\"llama3.1\":131072,\"GPT-4O\":32000}", JsonMapper.builder().build()));
        assertThat(windows.of("llama3.1:8b")).isEqualTo(131_072);
        assertThat(windows.of("llama3:8b")).isEqualTo(8_192);
        assertThat(windows.of("gpt-4o-mini")).isEqualTo(32_000);
        assertThat(windows.of("gpt-4.1")).isEqualTo(1_047_576);
    }

    @Test
    void aBadSettingStopsStartUpNamingIt() {
        JsonMapper json = JsonMapper.builder().build();
        assertThatThrownBy(() -> ContextConfig.parseWindows("{\"gpt-4o\":\"big\"}", json))
                .hasMessageContaining("CONSOUL_MODEL_CONTEXT_WINDOWS");
        assertThatThrownBy(() -> new ContextWindows(Map.of("gpt-4o", 0)))
                .hasMessageContaining("CONSOUL_MODEL_CONTEXT_WINDOWS").hasMessageContaining("gpt-4o");
    }
}
