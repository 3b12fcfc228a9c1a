package io.consoul.infra.aws;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's secrets (API keys, model keys, the Redis URLs with their password) in one Secrets Manager secret, a JSON
 * object. Task definitions name its keys ({@code valueFrom}); no secret value ever appears in a task definition.
 * {@code version} is the id of the current value (a new one at each rotation), never the value.
 */
record ContainerSecrets(Secret secret, List<String> names, Output<String> version) {

    static ContainerSecrets create(String name, DeploymentSpec spec, AwsRedis redis, CustomResourceOptions opts) {
        Map<String, Output<String>> env = spec.secretEnv(redis.host(), redis.port(), true);
        var secret = new Secret(name + "-app", SecretArgs.builder()
                .description("Consoul container secrets, injected by ECS")
                .recoveryWindowInDays(spec.environment().isProduction() ? 30 : 0)
                .build(), opts);
        List<String> names = new ArrayList<>(env.keySet());
        Output<String> json = Output.all(new ArrayList<>(env.values())).applyValue(values -> {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                object.put(names.get(i), values.get(i));
            }
            return Json.write(object);
        }).asSecret();
        var version = new SecretVersion(name + "-app", SecretVersionArgs.builder()
                .secretId(secret.id()).secretString(json).build(), opts);
        return new ContainerSecrets(secret, List.copyOf(names), version.versionId());
    }

    /** ECS {@code secrets}: each variable read from its JSON key of the secret. */
    Output<List<Map<String, Object>>> references() {
        return secret.arn().applyValue(arn -> names.stream()
                .map(n -> Map.<String, Object>of("name", n, "valueFrom", arn + ":" + n + "::"))
                .toList());
    }
}
