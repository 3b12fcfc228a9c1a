package io.consoul.infra.gcp;

import com.pulumi.gcp.secretmanager.Secret;
import com.pulumi.gcp.secretmanager.SecretArgs;
import com.pulumi.gcp.secretmanager.SecretIamMember;
import com.pulumi.gcp.secretmanager.SecretIamMemberArgs;
import com.pulumi.gcp.secretmanager.SecretVersion;
import com.pulumi.gcp.secretmanager.SecretVersionArgs;
import com.pulumi.gcp.secretmanager.inputs.SecretReplicationArgs;
import com.pulumi.gcp.secretmanager.inputs.SecretReplicationAutoArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every secret environment variable (API keys, model keys, both Redis URLs with the AUTH string) in its own Secret
 * Manager secret, readable by the runtime account alone. The service names secrets, never values.
 *
 * @param secrets   by environment variable
 * @param readyWith what must exist before a revision starts: the versions and the grants
 */
record SecretEnv(Map<String, Secret> secrets, List<Resource> readyWith) {
    static final String ACCESSOR = "roles/secretmanager.secretAccessor";

    static SecretEnv create(String name, DeploymentSpec spec, Memorystore redis, RuntimeIdentity identity,
                            CustomResourceOptions opts) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        List<Resource> readyWith = new ArrayList<>();
        spec.secretEnv(redis.host(), redis.port(), redis.authString(), true).forEach((variable, value) -> {
            String id = name + "-" + spec.environment().key() + "-" + variable.toLowerCase(Locale.ROOT).replace('_', '-');
            String logical = name + "-" + variable.toLowerCase(Locale.ROOT).replace('_', '-');
            var secret = new Secret(logical, SecretArgs.builder()
                    .secretId(id)
                    .replication(SecretReplicationArgs.builder().auto(SecretReplicationAutoArgs.builder().build()).build())
                    .build(), opts);
            readyWith.add(new SecretVersion(logical, SecretVersionArgs.builder()
                    .secret(secret.id()).secretData(value).build(), opts));
            readyWith.add(new SecretIamMember(logical, SecretIamMemberArgs.builder()
                    .secretId(secret.id()).role(ACCESSOR).member(identity.member()).build(), opts));
            secrets.put(variable, secret);
        });
        return new SecretEnv(java.util.Collections.unmodifiableMap(secrets), List.copyOf(readyWith));
    }
}
