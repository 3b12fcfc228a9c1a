package io.consoul.model;

import io.consoul.config.ConsoulProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The providers this instance can call, and the default model.
 *
 * <p>Real providers are configured by their environment variables (see {@link ProviderEndpoints}) and each is
 * wrapped in a {@link GuardedProvider}. {@code echo} is always available when asked for by name, and is not
 * guarded: it never leaves the process.
 *
 * <p>The default model, when {@code CONSOUL_MODEL_NAME} is unset, is the first configured provider's
 * {@link ModelFamily#defaultModel()}, in the order OpenAI ({@code gpt-4o-mini}), Anthropic
 * ({@code claude-haiku-4-5}), Ollama ({@code llama3.2}); {@code echo} only when none is configured.
 * A {@code CONSOUL_MODEL_NAME} that no configured provider serves stops start-up, rather than failing
 * every chat later.
 */
@Configuration(proxyBeanMethods = false)
class ModelConfig {
    private static final Logger log = LoggerFactory.getLogger(ModelConfig.class);

    @Bean
    ModelRouter modelRouter(ConsoulProperties p, Environment env, ObjectProvider<MeterRegistry> registry) {
        CircuitBreakerConfig breaker = GuardedProvider.breakerConfig(p.circuitBreakerFailureThreshold(),
                p.circuitBreakerSuccessThreshold(), p.circuitBreakerTimeout());
        return router(ProviderEndpoints.from(env), p.modelName(), p.modelTimeout(), p.echoTokenDelay(),
                breaker, p.circuitBreakerEnabled(),
                registry.getIfAvailable() == null ? BreakerMetrics.NONE : BreakerMetrics.to(registry.getIfAvailable()));
    }

    static ModelRouter router(ProviderEndpoints endpoints, String modelName, Duration timeout, Duration echoDelay) {
        return router(endpoints, modelName, timeout, echoDelay, GuardedProvider.BREAKER, true, BreakerMetrics.NONE);
    }

    static ModelRouter router(ProviderEndpoints endpoints, String modelName, Duration timeout, Duration echoDelay,
                              CircuitBreakerConfig breaker, boolean breakerEnabled, BreakerMetrics metrics) {
        List<ModelProvider> providers = new ArrayList<>();
        List<ModelFamily> families = new ArrayList<>();
        ExecutorService calls = Executors.newCachedThreadPool(daemonThreads());
        ChatModels.configured(endpoints, timeout).forEach((family, chatModel) -> {
            providers.add(new GuardedProvider(new SpringAiProvider(family, chatModel), timeout,
                    breaker, calls, metrics, breakerEnabled));
            families.add(family);
            log.info("Model provider '{}' configured ({}), timeout {}", family.providerName(),
                    endpointForLog(family, endpoints), timeout);
        });
        providers.add(new EchoModel(echoDelay));
        return new ModelRouter(providers, defaultModel(modelName, families, providers));
    }

    static String defaultModel(String configured, List<ModelFamily> families, List<ModelProvider> providers) {
        if (configured != null && !configured.isBlank()) {
            String model = configured.trim();
            if (providers.stream().noneMatch(p -> p.serves(model))) {
                throw new IllegalStateException("CONSOUL_MODEL_NAME is '" + model + "' but no configured provider "
                        + "serves it: set that provider's key or base URL (see MODELS.md)");
            }
            if (EchoModel.NAME.equals(model) && !families.isEmpty()) {
                log.warn("Default model is 'echo' (from CONSOUL_MODEL_NAME) although real providers are configured");
            } else {
                log.info("Default model is '{}' (from CONSOUL_MODEL_NAME)", model);
            }
            return model;
        }
        if (families.isEmpty()) {
            log.info("Default model is 'echo', the built-in development model: it repeats the message back. "
                    + "Set OPENAI_API_KEY, ANTHROPIC_API_KEY or OLLAMA_BASE_URL for a real one");
            return EchoModel.NAME;
        }
        String model = families.get(0).defaultModel();
        log.info("Default model is '{}', the default of the first configured provider '{}'",
                model, families.get(0).providerName());
        return model;
    }

    private static String endpointForLog(ModelFamily family, ProviderEndpoints endpoints) {
        return switch (family) {
            case OPENAI -> ProviderEndpoints.forLog(endpoints.openAiBaseUrl(), "api.openai.com")
                    + (endpoints.openAiApiKey().isEmpty() ? ", no API key" : "");
            case ANTHROPIC -> ProviderEndpoints.forLog(endpoints.anthropicBaseUrl(), "api.anthropic.com");
            case OLLAMA -> ProviderEndpoints.forLog(endpoints.ollamaBaseUrl(), "");
        };
    }

    /** Daemon threads: a model call still running at shutdown must not keep the JVM alive. */
    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "model-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
