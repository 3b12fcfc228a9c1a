package io.consoul.infra.spec.config;

import io.consoul.infra.spec.SecretValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings from a map, for offline runs and tests. Keys may be short ({@code size}) or qualified
 * ({@code consoul:size}); keys of other namespaces ({@code aws:region}) are ignored.
 */
public final class MapConfigSource implements ConfigSource {
    private static final String PREFIX = PulumiConfigSource.NAMESPACE + ":";

    private final String stackName;
    private final Map<String, String> values = new LinkedHashMap<>();

    public MapConfigSource(String stackName, Map<String, String> values) {
        this.stackName = stackName;
        values.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                this.values.put(key.substring(PREFIX.length()), value);
            } else if (!key.contains(":")) {
                this.values.put(key, value);
            }
        });
    }

    @Override
    public String stackName() {
        return stackName;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    @Override
    public Set<String> keys() {
        return Set.copyOf(values.keySet());
    }

    @Override
    public Optional<SecretValue> getSecret(String key) {
        return get(key).map(SecretValue::new);
    }
}
