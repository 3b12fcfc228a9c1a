package io.consoul.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The reference's {@code CONSOUL_OBSERVABILITY_*} settings, translated to Spring Boot's Actuator properties before
 * the context starts (a boolean cannot be mapped onto {@code management.endpoint.prometheus.access} in a properties
 * file): {@code _PROMETHEUS_ENABLED=false} turns {@code /metrics} off, {@code _METRICS_PATH} moves it.
 */
public final class ObservabilitySettings implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> translated = new LinkedHashMap<>();
        String enabled = env.getProperty("CONSOUL_OBSERVABILITY_PROMETHEUS_ENABLED");
        if (enabled != null) {
            String value = enabled.trim().toLowerCase(java.util.Locale.ROOT);
            if (!value.matches("true|false|1|0|yes|no|on|off")) {
                throw new IllegalArgumentException("CONSOUL_OBSERVABILITY_PROMETHEUS_ENABLED is '" + enabled + "'; allowed: true or false");
            }
            if (value.matches("false|0|no|off")) translated.put("management.endpoint.prometheus.access", "none");
        }
        String path = env.getProperty("CONSOUL_OBSERVABILITY_METRICS_PATH");
        if (path != null && !path.isBlank()) {
            translated.put("management.endpoints.web.path-mapping.prometheus", path.trim().replaceFirst("^/+", ""));
        }
        if (!translated.isEmpty()) env.getPropertySources().addFirst(new MapPropertySource("consoulObservability", translated));
    }
}
