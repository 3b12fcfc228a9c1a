package io.consoul.health;

import io.consoul.config.ConsoulProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * How long each shutdown phase (Tomcat's graceful drain among them) may take: {@code CONSOUL_GRACEFUL_TIMEOUT},
 * read in seconds when bare as every duration setting is. Set here because Spring's own
 * {@code spring.lifecycle.timeout-per-shutdown-phase} would read a bare {@code 60} as 60 milliseconds.
 */
@Configuration(proxyBeanMethods = false)
class ShutdownConfig {

    @Bean
    DefaultLifecycleProcessor lifecycleProcessor(ConsoulProperties p) {
        DefaultLifecycleProcessor processor = new DefaultLifecycleProcessor();
        processor.setTimeoutPerShutdownPhase(p.gracefulTimeout().toMillis());
        return processor;
    }
}
