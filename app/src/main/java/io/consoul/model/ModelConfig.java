package io.consoul.model;

import io.consoul.config.ConsoulProperties;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The providers this instance can call, and the default model. */
@Configuration(proxyBeanMethods = false)
class ModelConfig {
    private static final Logger log = LoggerFactory.getLogger(ModelConfig.class);

    @Bean
    ModelRouter modelRouter(ConsoulProperties p) {
        List<ModelProvider> providers = new ArrayList<>();
        providers.add(new EchoModel(p.echoTokenDelay()));
        String defaultModel = p.modelName() == null || p.modelName().isBlank() ? EchoModel.NAME : p.modelName().trim();
        if (EchoModel.NAME.equals(defaultModel)) {
            log.info("Default model is 'echo', the built-in development model: it repeats the message back");
        }
        return new ModelRouter(providers, defaultModel);
    }
}
