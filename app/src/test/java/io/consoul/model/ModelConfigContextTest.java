package io.consoul.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.config.ConsoulProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The bean wiring: provider variables are read from the Spring environment, and start-up needs none of them. */
class ModelConfigContextTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ConsoulProperties.class)
    static class Properties {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, ModelConfig.class)
            .withPropertyValues("consoul.model-timeout=60s", "consoul.echo-token-delay=0ms");

    @Test
    void startsWithNoProviderAndDefaultsToEcho() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(ModelRouter.class).defaultModel()).isEqualTo("echo");
        });
    }

    @Test
    void startsWithAllThreeProvidersAndServesEach() {
        context.withPropertyValues("OPENAI_API_KEY=sk-test", "ANTHROPIC_API_KEY=ant-test",
                "OLLAMA_BASE_URL=http://127.0.0.1:1").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            ModelRouter router = ctx.getBean(ModelRouter.class);
            assertThat(router.defaultModel()).isEqualTo("gpt-4o-mini");
            assertThat(router.resolve("claude-3-5-haiku")).isEqualTo("claude-3-5-haiku");
            assertThat(router.resolve("qwen:7b")).isEqualTo("qwen:7b");
        });
    }

    @Test
    void consoulModelNameSetsTheDefault() {
        context.withPropertyValues("OLLAMA_BASE_URL=http://127.0.0.1:1", "consoul.model-name=qwen2.5:7b")
                .run(ctx -> assertThat(ctx.getBean(ModelRouter.class).defaultModel()).isEqualTo("qwen2.5:7b"));
    }
}
