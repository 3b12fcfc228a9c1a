package io.consoul.infra.azure;

import com.pulumi.azurenative.app.inputs.ContainerAppProbeArgs;
import com.pulumi.azurenative.app.inputs.ContainerAppProbeHttpGetArgs;
import com.pulumi.azurenative.app.inputs.ContainerArgs;
import com.pulumi.azurenative.app.inputs.ContainerResourcesArgs;
import com.pulumi.azurenative.app.inputs.EnvironmentVarArgs;
import com.pulumi.azurenative.app.inputs.HttpScaleRuleArgs;
import com.pulumi.azurenative.app.inputs.ScaleArgs;
import com.pulumi.azurenative.app.inputs.ScaleRuleArgs;
import com.pulumi.azurenative.app.inputs.TemplateArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.HealthChecks;
import io.consoul.infra.spec.Ports;
import io.consoul.infra.spec.Probe;
import io.consoul.infra.spec.Resources;
import io.consoul.infra.spec.RevisionPlan;
import io.consoul.infra.spec.Scaling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The revision template: the container, its probes and environment, and its replicas and HTTP scale rule. */
final class RevisionTemplate {
    static final String HTTP_SCALE_RULE = "http-concurrency";

    private RevisionTemplate() {
    }

    /** Revision suffixes start with a letter; the rest is the plan's digest. */
    static Output<String> suffix(RevisionPlan plan, Color color) {
        return plan.revisionId(color).applyValue(id -> "v" + id);
    }

    static TemplateArgs of(DeploymentSpec spec, RevisionPlan plan, Collection<String> secretVariables) {
        Color color = plan.templateColor();
        return TemplateArgs.builder()
                .revisionSuffix(suffix(plan, color))
                .containers(container(spec, spec.image(color), secretVariables))
                .scale(scale(spec.scaling(), color))
                .build();
    }

    private static ContainerArgs container(DeploymentSpec spec, String image, Collection<String> secretVariables) {
        Resources size = spec.size().limits();
        return ContainerArgs.builder()
                .name(DeploymentSpec.NAME)
                .image(image)
                .resources(ContainerResourcesArgs.builder()
                        .cpu(size.cpuMillis() / 1000.0).memory(size.memory()).build())
                .probes(probe("Liveness", HealthChecks.LIVENESS), probe("Readiness", HealthChecks.READINESS))
                .env(env(spec.plainEnv(), secretVariables))
                .build();
    }

    /** Liveness must count one success as healthy; readiness takes the spec's threshold. */
    private static ContainerAppProbeArgs probe(String type, Probe probe) {
        return ContainerAppProbeArgs.builder()
                .type(Either.ofLeft(type))
                .httpGet(ContainerAppProbeHttpGetArgs.builder().path(probe.path()).port(Ports.APP).build())
                .initialDelaySeconds(probe.initialDelaySeconds())
                .periodSeconds(probe.periodSeconds())
                .timeoutSeconds(probe.timeoutSeconds())
                .failureThreshold(probe.unhealthyThreshold())
                .successThreshold(type.equals("Liveness") ? 1 : probe.healthyThreshold())
                .build();
    }

    private static List<EnvironmentVarArgs> env(Map<String, String> plain, Collection<String> secretVariables) {
        List<EnvironmentVarArgs> env = new ArrayList<>();
        plain.forEach((name, value) -> env.add(EnvironmentVarArgs.builder().name(name).value(value).build()));
        secretVariables.forEach(name -> env.add(EnvironmentVarArgs.builder()
                .name(name).secretRef(ContainerAppService.secretName(name)).build()));
        return env;
    }

    /** Replicas from the spec, scaled on concurrent HTTP requests per replica (the guide's 80). */
    private static ScaleArgs scale(Scaling scaling, Color color) {
        return ScaleArgs.builder()
                .minReplicas(scaling.minReplicas(color))
                .maxReplicas(scaling.maxReplicas())
                .rules(ScaleRuleArgs.builder()
                        .name(HTTP_SCALE_RULE)
                        .http(HttpScaleRuleArgs.builder()
                                .metadata(Map.of("concurrentRequests", Integer.toString(scaling.concurrency())))
                                .build())
                        .build())
                .build();
    }
}
