package io.consoul.infra.azure;

import com.pulumi.azurenative.app.ContainerApp;
import com.pulumi.azurenative.app.ContainerAppArgs;
import com.pulumi.azurenative.app.inputs.ConfigurationArgs;
import com.pulumi.azurenative.app.inputs.IngressArgs;
import com.pulumi.azurenative.app.inputs.SecretArgs;
import com.pulumi.azurenative.app.inputs.TrafficWeightArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.Ports;
import io.consoul.infra.spec.RevisionPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Container App in multiple-revision mode. Its one template declares the revision {@link RevisionPlan} picks
 * (suffix from the image and template); ingress traffic names both colours' revisions, labelled by colour, 100 % on
 * the active one. Only the weights depend on {@code activeColor}.
 */
record ContainerAppService(ContainerApp app, Output<String> url, Output<String> previewUrl) {
    /** Old revisions kept inactive for rollback beyond the two colours. */
    static final int MAX_INACTIVE_REVISIONS = 10;

    static ContainerAppService create(String name, DeploymentSpec spec, AzureGroup group, AppEnvironment environment,
                                      AzureRedis redis, CustomResourceOptions opts, InvokeOptions invoke) {
        // Everything in this template comes from the spec: no cloud-computed template inputs.
        RevisionPlan plan = RevisionPlan.of(spec, Output.of(""));
        Map<String, Output<String>> secretEnv = spec.secretEnv(redis.host(), redis.port(), redis.accessKey(), true);
        AzureDomain domain = spec.platform().domain().isPresent()
                ? AzureDomain.prepare(name, spec, group, environment, name, opts, invoke) : null;
        var ingress = IngressArgs.builder()
                .external(spec.platform().allowPublicAccess())
                .targetPort(Ports.APP)
                .allowInsecure(false)
                .traffic(traffic(name, spec, plan));
        var appOpts = opts;
        if (domain != null) {
            ingress.customDomains(domain.customDomains());
            appOpts = CustomResourceOptions.merge(opts, CustomResourceOptions.builder().dependsOn(domain.records()).build());
        }
        var app = new ContainerApp(name, ContainerAppArgs.builder()
                .containerAppName(name)
                .resourceGroupName(group.name())
                .managedEnvironmentId(environment.environment().id())
                .configuration(ConfigurationArgs.builder()
                        .activeRevisionsMode(Either.ofLeft("Multiple"))
                        .maxInactiveRevisions(MAX_INACTIVE_REVISIONS)
                        .secrets(secrets(secretEnv))
                        .ingress(ingress.build())
                        .build())
                .template(RevisionTemplate.of(spec, plan, secretEnv.keySet()))
                .build(), appOpts);
        var scripts = DeploymentScripts.create(name, group, opts, invoke);
        RevisionCleanup.create(name, scripts, group, app,
                spec.colors().stream().map(color -> revisionName(name, plan, color)).toList(), opts);
        if (domain != null) {
            domain.certify(group, environment, app, scripts, opts);
        }
        Output<String> defaultDomain = environment.environment().defaultDomain();
        String scope = spec.platform().allowPublicAccess() ? "" : ".internal";
        Output<String> url = domain != null ? domain.url()
                : Output.tuple(app.name(), defaultDomain).applyValue(t -> "https://" + t.t1 + scope + "." + t.t2);
        // The preview stays the idle label's own URL, whose certificate the platform provides.
        return new ContainerAppService(app, url,
                Output.tuple(app.name(), defaultDomain).applyValue(t ->
                        "https://" + t.t1 + "---" + spec.idleColor().key() + scope + "." + t.t2));
    }

    /** A revision's full name: {@code <app>--<suffix>}. */
    static Output<String> revisionName(String app, RevisionPlan plan, Color color) {
        return RevisionTemplate.suffix(plan, color).applyValue(suffix -> app + "--" + suffix);
    }

    /** A Container App secret name for an environment variable: lower case and dashes. */
    static String secretName(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static List<SecretArgs> secrets(Map<String, Output<String>> secretEnv) {
        List<SecretArgs> secrets = new ArrayList<>();
        secretEnv.forEach((variable, value) ->
                secrets.add(SecretArgs.builder().name(secretName(variable)).value(value).build()));
        return secrets;
    }

    /** Blue first, then green, whichever is active: a switch swaps two weights and nothing else. */
    private static List<TrafficWeightArgs> traffic(String name, DeploymentSpec spec, RevisionPlan plan) {
        return spec.colors().stream().map(color -> TrafficWeightArgs.builder()
                .revisionName(revisionName(name, plan, color))
                .label(color.key())
                .weight(plan.percent(color))
                .build()).toList();
    }
}
