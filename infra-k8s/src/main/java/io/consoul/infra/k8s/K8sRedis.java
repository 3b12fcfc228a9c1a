package io.consoul.infra.k8s;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.StatefulSet;
import com.pulumi.kubernetes.apps.v1.StatefulSetArgs;
import com.pulumi.kubernetes.apps.v1.inputs.StatefulSetSpecArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.Ports;
import io.consoul.infra.spec.RedisEnv;
import io.consoul.infra.spec.RedisSpec;

import java.util.List;
import java.util.Map;

/**
 * Redis in the cluster: a one-replica StatefulSet with a password from the stack's secrets, passing Pod Security
 * "restricted", a headless Service (never exposed outside the cluster) and a NetworkPolicy that admits only Consoul's pods. Or nothing, for an
 * external Redis.
 */
record K8sRedis(Output<String> host, Output<Integer> port, Output<String> endpoint) {
    static final String IMAGE = "redis:7.2-alpine";
    private static final int REDIS_UID = 999;
    private static final String PASSWORD_KEY = "password";

    static K8sRedis create(String name, DeploymentSpec spec, Output<String> namespace, CustomResourceOptions opts) {
        RedisSpec redis = spec.redis();
        if (!redis.managed()) {
            return new K8sRedis(null, null, Output.of(RedisEnv.endpoint(redis.url().orElseThrow())));
        }
        String redisName = name + "-redis";
        Map<String, String> labels = Map.of(Meta.APP_LABEL, redisName);
        var secret = new Secret(redisName, SecretArgs.builder()
                .metadata(Meta.named(redisName, namespace))
                .stringData(redis.password().orElseThrow().output().applyValue(p -> Map.of(PASSWORD_KEY, p)))
                .build(), opts);
        String storage = Math.max(1, (redis.tier().memoryMb() * 2 + 1023) / 1024) + "Gi";
        var container = ContainerArgs.builder()
                .name("redis").image(IMAGE)
                .command("sh", "-c", "exec redis-server --requirepass \"$REDIS_PASSWORD\" --appendonly yes"
                        + " --maxmemory " + redis.tier().memoryMb() + "mb --maxmemory-policy volatile-lru")
                .env(EnvVarArgs.builder().name("REDIS_PASSWORD").valueFrom(EnvVarSourceArgs.builder()
                        .secretKeyRef(SecretKeySelectorArgs.builder().name(redisName).key(PASSWORD_KEY).build())
                        .build()).build())
                .ports(ContainerPortArgs.builder().name("redis").containerPort(Ports.REDIS).build())
                .readinessProbe(ProbeArgs.builder().exec(ExecActionArgs.builder()
                        .command("sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning ping").build())
                        .periodSeconds(10).build())
                .resources(ResourceRequirementsArgs.builder()
                        .requests(Map.of("cpu", "100m", "memory", redis.tier().memoryMb() + "Mi"))
                        .limits(Map.of("memory", (redis.tier().memoryMb() * 3 / 2) + "Mi")).build())
                .volumeMounts(VolumeMountArgs.builder().name("data").mountPath("/data").build())
                // Pod Security "restricted": no escalation, no capabilities, non-root, the runtime's seccomp profile.
                .securityContext(SecurityContextArgs.builder().allowPrivilegeEscalation(false).runAsNonRoot(true)
                        .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                        .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build()).build())
                .build();
        new StatefulSet(redisName, StatefulSetArgs.builder()
                .metadata(Meta.named(redisName, namespace))
                .spec(StatefulSetSpecArgs.builder()
                        .serviceName(redisName).replicas(1)
                        .selector(Meta.selector(labels))
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(PodSpecArgs.builder()
                                        .securityContext(PodSecurityContextArgs.builder().runAsNonRoot(true)
                                                .runAsUser(REDIS_UID).runAsGroup(REDIS_UID).fsGroup(REDIS_UID)
                                                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                                                .build())
                                        .automountServiceAccountToken(false)
                                        .containers(container).build())
                                .build())
                        .volumeClaimTemplates(com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimArgs.builder()
                                .metadata(ObjectMetaArgs.builder().name("data").build())
                                .spec(PersistentVolumeClaimSpecArgs.builder().accessModes("ReadWriteOnce")
                                        .resources(ResourceRequirementsArgs.builder()
                                                .requests(Map.of("storage", storage)).build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.merge(opts, CustomResourceOptions.builder().dependsOn(secret).build()));
        new Service(redisName, ServiceArgs.builder()
                .metadata(Meta.named(redisName, namespace))
                // Headless: the StatefulSet's governing Service, which gives its pod a stable DNS name; clients
                // resolve the same name to the one pod's address.
                .spec(ServiceSpecArgs.builder().type("ClusterIP").clusterIP("None").selector(labels)
                        .ports(ServicePortArgs.builder().name("redis").port(Ports.REDIS).targetPort(Ports.REDIS).build())
                        .build())
                .build(), opts);
        new NetworkPolicy(redisName, NetworkPolicyArgs.builder()
                .metadata(Meta.named(redisName, namespace))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(Meta.selector(labels))
                        .policyTypes("Ingress")
                        .ingress(NetworkPolicyIngressRuleArgs.builder()
                                .from(NetworkPolicyPeerArgs.builder()
                                        .podSelector(Meta.selector(Map.of(Meta.APP_LABEL, DeploymentSpec.NAME))).build())
                                .ports(NetworkPolicyPortArgs.builder().protocol("TCP").port(Ports.REDIS).build())
                                .build())
                        .build())
                .build(), opts);
        Output<String> host = namespace.applyValue(ns -> redisName + "." + ns + ".svc.cluster.local");
        return new K8sRedis(host, Output.of(Ports.REDIS), host.applyValue(h -> h + ":" + Ports.REDIS));
    }
}
