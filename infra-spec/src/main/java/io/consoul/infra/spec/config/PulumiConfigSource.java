package io.consoul.infra.spec.config;

import com.pulumi.Config;
import com.pulumi.Context;
import io.consoul.infra.spec.SecretValue;

import java.util.Optional;

/** The running stack's {@code consoul:} config. */
public final class PulumiConfigSource implements ConfigSource {
    public static final String NAMESPACE = "consoul";

    private final String stackName;
    private final Config config;

    public PulumiConfigSource(Context ctx) {
        this.stackName = ctx.stackName();
        this.config = ctx.config(NAMESPACE);
    }

    @Override
    public String stackName() {
        return stackName;
    }

    @Override
    public Optional<String> get(String key) {
        return config.get(key).filter(v -> !v.isBlank());
    }

    @Override
    public Optional<SecretValue> getSecret(String key) {
        // Read in plain so validation can see it before any resource exists; it leaves only as SecretValue.output().
        return get(key).map(SecretValue::new);
    }
}
