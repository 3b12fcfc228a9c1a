package io.consoul.model;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds one Spring AI {@link ChatModel} per configured provider, by hand rather than through the
 * auto-configuring starters, because all of them coexist and the model name picks one per request.
 * The only per-provider code in this package: everything after construction goes through {@link ChatModel}.
 *
 * <p>Client retries are off: a retry would spend the call's timeout budget out of sight and hide failures
 * from the circuit breaker, which is where repeated failures are handled.
 */
final class ChatModels {
    private ChatModels() {}

    /** The configured providers' chat models, in the order {@link ModelFamily} declares them. */
    static Map<ModelFamily, ChatModel> configured(ProviderEndpoints endpoints, Duration timeout) {
        Map<ModelFamily, ChatModel> models = new LinkedHashMap<>();
        if (endpoints.openAiConfigured()) models.put(ModelFamily.OPENAI, openAi(endpoints, timeout));
        if (endpoints.anthropicConfigured()) models.put(ModelFamily.ANTHROPIC, anthropic(endpoints, timeout));
        if (endpoints.ollamaConfigured()) models.put(ModelFamily.OLLAMA, ollama(endpoints, timeout));
        return models;
    }

    /** An empty key means no {@code Authorization} header, as keyless vLLM or LM Studio servers expect. */
    static ChatModel openAi(ProviderEndpoints endpoints, Duration timeout) {
        return OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl(orNull(endpoints.openAiBaseUrl()))
                .apiKey(endpoints.openAiApiKey())
                .model(ModelFamily.OPENAI.defaultModel())
                .timeout(timeout)
                .maxRetries(0)
                .build()).build();
    }

    static ChatModel anthropic(ProviderEndpoints endpoints, Duration timeout) {
        return AnthropicChatModel.builder().options(AnthropicChatOptions.builder()
                .baseUrl(orNull(endpoints.anthropicBaseUrl()))
                .apiKey(endpoints.anthropicApiKey())
                .model(ModelFamily.ANTHROPIC.defaultModel())
                .timeout(timeout)
                .maxRetries(0)
                .build()).build();
    }

    /** The JDK's HTTP client for both Ollama transports, so no Netty or Jetty is needed on the class path. */
    static ChatModel ollama(ProviderEndpoints endpoints, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        JdkClientHttpRequestFactory blocking = new JdkClientHttpRequestFactory(http);
        blocking.setReadTimeout(timeout);
        JdkClientHttpConnector streaming = new JdkClientHttpConnector(http);
        streaming.setReadTimeout(timeout);
        OllamaApi api = OllamaApi.builder()
                .baseUrl(endpoints.ollamaBaseUrl())
                .restClientBuilder(RestClient.builder().requestFactory(blocking))
                .webClientBuilder(WebClient.builder().clientConnector(streaming))
                .build();
        return OllamaChatModel.builder()
                .ollamaApi(api)
                .options(OllamaChatOptions.builder().model(ModelFamily.OLLAMA.defaultModel()).build())
                .retryTemplate(new RetryTemplate(RetryPolicy.builder().maxRetries(0).build()))
                .build();
    }

    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
