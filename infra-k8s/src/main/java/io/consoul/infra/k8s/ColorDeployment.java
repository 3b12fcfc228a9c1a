package io.consoul.infra.k8s;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingRulesArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerBehaviorArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleHandlerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.HealthChecks;
import io.consoul.infra.spec.Ports;
import io.consoul.infra.spec.Probe;
import io.consoul.infra.spec.Resources;
import io.consoul.infra.spec.Rollout;
import io.consoul.infra.spec.Scaling;
import io.consoul.infra.spec.Shutdown;

import java.util.Map;

/** One colour: its Deployment, its HorizontalPodAutoscaler and its PodDisruptionBudget. */
final class ColorDeployment {
    static final String CONTAINER = "consoul";
    /** A non-root user the image need not know; the app writes only to /tmp, an emptyDir. */
    private static final int APP_UID = 10001;

    private ColorDeployment() {
    }

    /** Pod-template annotation whose change rolls the colour: a digest of the secret's data, never the data. */
    static final String SECRET_DIGEST_ANNOTATION = "consoul.io/secret-digest";

    /**
     * @param secretDigest a digest of the Secret's data: pods read it only at start, so a rotated secret must roll them
     */
    static Deployment create(String name, Color color, DeploymentSpec spec, Output<String> namespace,
                             String configMap, String secret, Output<String> secretDigest, CustomResourceOptions opts) {
        String colorName = name + "-" + color.key();
        Map<String, String> labels = Meta.colorLabels(color);
        var deployment = new Deployment(colorName, DeploymentArgs.builder()
                .metadata(Meta.named(colorName, namespace))
                // No spec.replicas: the HPA owns the count. Kubernetes advises leaving it unset under an HPA, and
                // with server-side apply a declared count conflicts with the HPA's writes through the scale
                // subresource (pulumi-kubernetes #2542, #2491). A new Deployment starts one pod; the HPA raises it
                // to minReplicas at once, before any metric exists.
                .spec(DeploymentSpecArgs.builder()
                        .selector(Meta.selector(labels))
                        .strategy(DeploymentStrategyArgs.builder().type("RollingUpdate")
                                .rollingUpdate(RollingUpdateDeploymentArgs.builder()
                                        .maxSurge(Rollout.MAX_SURGE).maxUnavailable(Rollout.MAX_UNAVAILABLE).build())
                                .build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).annotations(secretDigest.applyValue(digest -> Map.of(
                                        "prometheus.io/scrape", "true",
                                        "prometheus.io/port", Integer.toString(Ports.METRICS),
                                        "prometheus.io/path", "/metrics",
                                        SECRET_DIGEST_ANNOTATION, digest))).build())
                                .spec(pod(spec, color, configMap, secret))
                                .build())
                        .build())
                .build(), opts);
        autoscaler(colorName, spec.scaling().minReplicas(color), spec.scaling(), namespace, opts);
        new PodDisruptionBudget(colorName, PodDisruptionBudgetArgs.builder()
                .metadata(Meta.named(colorName, namespace))
                .spec(PodDisruptionBudgetSpecArgs.builder()
                        .maxUnavailable(Rollout.MAX_DISRUPTED_INSTANCES).selector(Meta.selector(labels)).build())
                .build(), opts);
        return deployment;
    }

    private static PodSpecArgs pod(DeploymentSpec spec, Color color, String configMap, String secret) {
        Resources requests = spec.size().requests();
        Resources limits = spec.size().limits();
        var container = ContainerArgs.builder()
                .name(CONTAINER)
                .image(spec.image(color))
                .ports(ContainerPortArgs.builder().name("http").containerPort(Ports.APP).build(),
                        ContainerPortArgs.builder().name("metrics").containerPort(Ports.METRICS).build())
                .envFrom(EnvFromSourceArgs.builder().configMapRef(ConfigMapEnvSourceArgs.builder().name(configMap).build()).build(),
                        EnvFromSourceArgs.builder().secretRef(SecretEnvSourceArgs.builder().name(secret).build()).build())
                .resources(ResourceRequirementsArgs.builder()
                        .requests(Map.of("cpu", requests.cpu(), "memory", requests.memory()))
                        .limits(Map.of("cpu", limits.cpu(), "memory", limits.memory())).build())
                // Kubernetes requires a success threshold of 1 for liveness; the guide's "healthy 2" is the LB's.
                .livenessProbe(probe(HealthChecks.LIVENESS, 1))
                .readinessProbe(probe(HealthChecks.READINESS, HealthChecks.READINESS.healthyThreshold()))
                .lifecycle(LifecycleArgs.builder().preStop(LifecycleHandlerArgs.builder()
                        .exec(ExecActionArgs.builder()
                                .command("/bin/sh", "-c", "sleep " + Shutdown.PRE_STOP_SLEEP_SECONDS).build())
                        .build()).build())
                .securityContext(SecurityContextArgs.builder()
                        .allowPrivilegeEscalation(false).readOnlyRootFilesystem(true).runAsNonRoot(true)
                        .capabilities(CapabilitiesArgs.builder().drop("ALL").build()).build())
                .volumeMounts(VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build())
                .build();
        return PodSpecArgs.builder()
                .terminationGracePeriodSeconds(Shutdown.TERMINATION_GRACE_SECONDS)
                .securityContext(PodSecurityContextArgs.builder().runAsNonRoot(true).runAsUser(APP_UID)
                        .runAsGroup(APP_UID).fsGroup(APP_UID)
                        .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build()).build())
                .automountServiceAccountToken(false)
                .containers(container)
                .volumes(VolumeArgs.builder().name("tmp").emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build())
                .build();
    }

    private static ProbeArgs probe(Probe check, int successThreshold) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(check.path()).port(Ports.APP).build())
                .initialDelaySeconds(check.initialDelaySeconds())
                .periodSeconds(check.periodSeconds())
                .timeoutSeconds(check.timeoutSeconds())
                .successThreshold(successThreshold)
                .failureThreshold(check.unhealthyThreshold())
                .build();
    }

    /** @param minReplicas the colour's own floor ({@code <colour>MinReplicas}, else {@code minReplicas}) */
    private static void autoscaler(String name, int minReplicas, Scaling scaling, Output<String> namespace,
                                   CustomResourceOptions opts) {
        new HorizontalPodAutoscaler(name, HorizontalPodAutoscalerArgs.builder()
                .metadata(Meta.named(name, namespace))
                .spec(HorizontalPodAutoscalerSpecArgs.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceArgs.builder()
                                .apiVersion("apps/v1").kind("Deployment").name(name).build())
                        .minReplicas(minReplicas)
                        .maxReplicas(scaling.maxReplicas())
                        // CPU only. Utilisation is relative to the request, a quarter of the limit, and the JVM may
                        // keep 75 % of the limit as heap: a memory target would stay breached and pin maxReplicas.
                        .metrics(utilization("cpu", scaling.cpuTargetPercent()))
                        // The cooldowns, as stabilisation windows.
                        .behavior(HorizontalPodAutoscalerBehaviorArgs.builder()
                                .scaleDown(HPAScalingRulesArgs.builder()
                                        .stabilizationWindowSeconds(scaling.scaleInCooldownSeconds()).build())
                                .scaleUp(HPAScalingRulesArgs.builder()
                                        .stabilizationWindowSeconds(scaling.scaleOutCooldownSeconds()).build())
                                .build())
                        .build())
                .build(), opts);
    }

    private static MetricSpecArgs utilization(String resource, int percent) {
        return MetricSpecArgs.builder().type("Resource")
                .resource(ResourceMetricSourceArgs.builder().name(resource)
                        .target(MetricTargetArgs.builder().type("Utilization").averageUtilization(percent).build())
                        .build())
                .build();
    }
}
