package io.consoul.infra.spec.config;

import com.pulumi.Config;
import com.pulumi.Context;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.deployment.internal.DeploymentInternal;
import io.consoul.infra.spec.SecretValue;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The running stack's {@code consoul:} config. */
public final class PulumiConfigSource implements ConfigSource {
    public static final String NAMESPACE = "consoul";
    private static final String PREFIX = NAMESPACE + ":";

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

    @Override
    public Set<String> keys() {
        return allKeys().stream().filter(key -> key.startsWith(PREFIX))
                .map(key -> key.substring(PREFIX.length())).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Every fully qualified key of the stack's config. Pulumi Java's public {@link Config} only answers for a key it is
     * given, so the set the deployment was handed (from {@code PULUMI_CONFIG} in {@code pulumi up}, from the test
     * builder under mocks) is read from its private {@code getAllConfig()}; the mock-engine tests of unknown keys fail
     * if a Pulumi upgrade moves it.
     */
    @SuppressWarnings("unchecked")
    private static Set<String> allKeys() {
        DeploymentImpl.Config all = DeploymentInternal.getInstance().getConfig();
        try {
            Method getAllConfig = DeploymentImpl.Config.class.getDeclaredMethod("getAllConfig");
            getAllConfig.setAccessible(true);
            return ((Map<String, String>) getAllConfig.invoke(all)).keySet();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot list the stack's config keys to find unknown consoul: keys"
                    + " (has com.pulumi:pulumi changed DeploymentImpl.Config?)", e);
        }
    }
}
