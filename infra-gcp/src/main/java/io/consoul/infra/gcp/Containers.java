package io.consoul.infra.gcp;

import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerEnvArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerEnvValueSourceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerEnvValueSourceSecretKeyRefArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerLivenessProbeArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerLivenessProbeHttpGetArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerPortArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerResourcesArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerStartupProbeArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerStartupProbeHttpGetArgs;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.HealthChecks;
import io.consoul.infra.spec.Ports;
import io.consoul.infra.spec.Probe;
import io.consoul.infra.spec.Resources;
import io.consoul.infra.spec.limits.CloudRunLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Consoul container of a revision: size, port, probes and environment, all from the spec. */
final class Containers {
    /**
     * Request timeout: 15 minutes, so a long streamed answer is not cut with a 504 (Cloud Run allows up to 3600 s,
     * {@link CloudRunLimits#MAX_REQUEST_TIMEOUT_SECONDS}). The trade-off: a request that hangs holds one of its
     * instance's concurrency slots that long, and Google advises retries beyond 15 minutes; docs/deploying.md.
     */
    static final int REQUEST_TIMEOUT_SECONDS = 900;
    static final String REQUEST_TIMEOUT = REQUEST_TIMEOUT_SECONDS + "s";
    /**
     * Secret Manager version the service reads. "latest" keeps the template (and so the revision name) unchanged
     * when a secret is rotated; new instances read the new value.
     */
    static final String SECRET_VERSION = "latest";
    /** Memorystore's TLS certificate comes from Google's private CA: the app trusts it through this variable. */
    static final String REDIS_CA_VARIABLE = "CONSOUL_REDIS_CA_CERT";

    private Containers() {
    }

    static ServiceTemplateContainerArgs app(DeploymentSpec spec, String image, SecretEnv secrets, Memorystore redis) {
        Resources size = spec.size().limits();
        return ServiceTemplateContainerArgs.builder()
                .name(DeploymentSpec.NAME)
                .image(image)
                // Cloud Run routes to one port; metrics (9090) stay inside the instance, never published.
                .ports(ServiceTemplateContainerPortArgs.builder().name("http1").containerPort(Ports.APP).build())
                .resources(ServiceTemplateContainerResourcesArgs.builder()
                        .limits(Map.of("cpu", size.vcpu(), "memory", size.memory()))
                        // Said explicitly: with limits set, an unset cpuIdle means "always allocated", which Cloud
                        // Run refuses below 1 vCPU. At 1 vCPU and more CPU stays allocated between requests, so the
                        // JVM's background work (Redis reconnects, metrics) is never throttled.
                        .cpuIdle(CloudRunLimits.cpuOnlyDuringRequests(size))
                        .startupCpuBoost(true)
                        .build())
                .startupProbe(startup(HealthChecks.STARTUP))
                .livenessProbe(liveness(HealthChecks.LIVENESS))
                .envs(env(spec, secrets, redis))
                .build();
    }

    /**
     * Cloud Run has no readiness probe: the startup probe on {@code /ready} keeps traffic off until ready, and is long
     * enough for Direct VPC egress to connect ({@link HealthChecks#STARTUP}).
     */
    private static ServiceTemplateContainerStartupProbeArgs startup(Probe probe) {
        return ServiceTemplateContainerStartupProbeArgs.builder()
                .httpGet(ServiceTemplateContainerStartupProbeHttpGetArgs.builder().path(probe.path()).port(Ports.APP).build())
                .initialDelaySeconds(probe.initialDelaySeconds())
                .periodSeconds(probe.periodSeconds())
                .timeoutSeconds(probe.timeoutSeconds())
                .failureThreshold(probe.unhealthyThreshold())
                .build();
    }

    private static ServiceTemplateContainerLivenessProbeArgs liveness(Probe probe) {
        return ServiceTemplateContainerLivenessProbeArgs.builder()
                .httpGet(ServiceTemplateContainerLivenessProbeHttpGetArgs.builder().path(probe.path()).port(Ports.APP).build())
                .initialDelaySeconds(probe.initialDelaySeconds())
                .periodSeconds(probe.periodSeconds())
                .timeoutSeconds(probe.timeoutSeconds())
                .failureThreshold(probe.unhealthyThreshold())
                .build();
    }

    private static List<ServiceTemplateContainerEnvArgs> env(DeploymentSpec spec, SecretEnv secrets, Memorystore redis) {
        List<ServiceTemplateContainerEnvArgs> env = new ArrayList<>();
        spec.plainEnv().forEach((name, value) ->
                env.add(ServiceTemplateContainerEnvArgs.builder().name(name).value(value).build()));
        if (redis.caCert() != null) {
            env.add(ServiceTemplateContainerEnvArgs.builder().name(REDIS_CA_VARIABLE).value(redis.caCert()).build());
        }
        secrets.secrets().forEach((name, secret) -> env.add(ServiceTemplateContainerEnvArgs.builder()
                .name(name)
                .valueSource(ServiceTemplateContainerEnvValueSourceArgs.builder()
                        .secretKeyRef(ServiceTemplateContainerEnvValueSourceSecretKeyRefArgs.builder()
                                .secret(secret.secretId()).version(SECRET_VERSION).build())
                        .build())
                .build()));
        return env;
    }
}
