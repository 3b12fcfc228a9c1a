package io.consoul.cli;

import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.InvalidConfigException;
import io.consoul.infra.spec.RedisMode;
import io.consoul.infra.spec.StackName;
import io.consoul.infra.spec.StackSecrets;
import io.consoul.infra.spec.config.MapConfigSource;
import io.consoul.infra.spec.config.StackFile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stack file's config as {@code pulumi up} would hand it to the program, offline: plain values from the file,
 * and stand-ins for the secrets that live encrypted in the file or in the Pulumi service (they are never shown:
 * everything secret prints as {@code [secret]}).
 *
 * @param stackName  {@code aws-production}
 * @param cloud      from {@code consoul:cloud}, else the stack name's prefix
 * @param values     fully qualified keys ({@code consoul:size}) to values, stand-ins included
 * @param secretKeys the keys whose values are Pulumi secrets
 */
public record StackConfig(String stackName, Cloud cloud, Map<String, String> values, Set<String> secretKeys) {
    /** Stand-in secret values: recognisable, valid for the spec's checks, and masked wherever they appear. */
    public static final Map<String, String> STAND_INS = Map.of(
            "consoul:apiKeys", "preview-api-key-1,preview-api-key-2",
            "consoul:redisPassword", "previewRedisPassword0123456789ab",
            "consoul:redisUrl", "rediss://:previewRedisPassword0123456789ab@redis.preview.invalid:6379",
            "consoul:openaiApiKey", "sk-preview-openai-key",
            "consoul:anthropicApiKey", "sk-ant-preview-anthropic-key");

    public static StackConfig load(Path stackFile) {
        StackFile file = StackFile.load(stackFile);
        Map<String, String> values = new LinkedHashMap<>(file.config());
        Set<String> secret = new LinkedHashSet<>(file.secureKeys());
        for (String key : file.secureKeys()) {
            values.put(key, STAND_INS.getOrDefault(key, "preview-secret-" + key.replace(':', '-')));
        }
        return new StackConfig(file.stackName(), cloudOf(file.stackName(), values), values, secret).withSecretsNeeded();
    }

    /** One config value overridden for this run: {@code activeColor=green} (namespace {@code consoul:} implied). */
    public StackConfig with(String key, String value) {
        String qualified = key.contains(":") ? key : "consoul:" + key;
        Map<String, String> changed = new LinkedHashMap<>(values);
        changed.put(qualified, value);
        Set<String> secret = new LinkedHashSet<>(secretKeys);
        secret.remove(qualified);
        return new StackConfig(stackName, cloudOf(stackName, changed), changed, secret).withSecretsNeeded();
    }

    /** The spec this config deploys; a bad value fails with the spec's own message (key, value, what is allowed). */
    public DeploymentSpec spec() {
        try {
            return DeploymentSpec.fromConfig(new MapConfigSource(stackName, values));
        } catch (InvalidConfigException e) {
            throw new CliFailure(stackName + ": invalid config: " + String.join("; ", e.problems()));
        }
    }

    /** Adds stand-ins for the secrets the stack needs ({@link StackSecrets}, the spec's rule) and does not show. */
    private StackConfig withSecretsNeeded() {
        Map<String, String> all = new LinkedHashMap<>(values);
        Set<String> secret = new LinkedHashSet<>(secretKeys);
        RedisMode redis = RedisMode.fromKey(all.getOrDefault("consoul:redis", "")).orElse(RedisMode.MANAGED);
        for (String key : StackSecrets.required(Optional.ofNullable(cloud), redis)) {
            addStandIn(all, secret, "consoul:" + key);
        }
        return new StackConfig(stackName, cloud, all, secret);
    }

    private static void addStandIn(Map<String, String> values, Set<String> secret, String key) {
        if (!values.containsKey(key)) {
            values.put(key, STAND_INS.get(key));
            secret.add(key);
        }
    }

    private static Cloud cloudOf(String stackName, Map<String, String> values) {
        String key = values.get("consoul:cloud");
        if (key != null) {
            return Cloud.fromKey(key).orElseThrow(() -> new CliFailure(
                    "consoul:cloud = '" + key + "' is unknown: allowed aws, gcp, azure, k8s"));
        }
        // The spec's own default: the stack name's prefix (org/project/aws-production → aws).
        return StackName.parse(stackName).cloud().orElse(null);
    }
}
