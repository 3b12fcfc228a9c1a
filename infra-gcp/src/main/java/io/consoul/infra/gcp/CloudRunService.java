package io.consoul.infra.gcp;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.gcp.cloudrunv2.Service;
import com.pulumi.gcp.cloudrunv2.ServiceArgs;
import com.pulumi.gcp.cloudrunv2.ServiceIamMember;
import com.pulumi.gcp.cloudrunv2.ServiceIamMemberArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateScalingArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateVpcAccessArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateVpcAccessNetworkInterfaceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTrafficArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.RevisionPlan;
import io.consoul.infra.spec.Scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * The Cloud Run v2 service. Its one template declares the revision {@link RevisionPlan} picks; traffic names both
 * colours' revisions by name, tagged by colour, 100 % on the active one. Only the percentages depend on
 * {@code activeColor}, so a switch moves traffic and nothing else, and no template change can move traffic.
 */
record CloudRunService(Service service, Output<String> url, Output<String> previewUrl) {
    static final String INVOKER = "roles/run.invoker";
    static final String BY_REVISION = "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION";

    static CloudRunService create(String name, DeploymentSpec spec, String region, GcpNetwork network,
                                  RuntimeIdentity identity, SecretEnv secrets, Memorystore redis,
                                  CustomResourceOptions opts, InvokeOptions invoke) {
        String serviceName = name + "-" + spec.environment().key();
        RevisionPlan plan = RevisionPlan.of(spec, templateInputs(network, identity, redis));
        var service = new Service(name, ServiceArgs.builder()
                .name(serviceName)
                .location(region)
                .description("Consoul, blue-green by revision tags")
                // Reachable from the internet; whether anyone may call it is the invoker grant below.
                .ingress("INGRESS_TRAFFIC_ALL")
                .template(template(serviceName, spec, plan, network, identity, secrets, redis))
                .traffics(traffic(serviceName, spec, plan))
                .build(),
                CustomResourceOptions.merge(opts, CustomResourceOptions.builder()
                        .dependsOn(new ArrayList<>(secrets.readyWith()))
                        .protect(spec.platform().deletionProtection()).build()));
        if (spec.platform().allowPublicAccess()) {
            new ServiceIamMember(name + "-public", ServiceIamMemberArgs.builder()
                    .location(region).name(service.name()).role(INVOKER).member("allUsers").build(), opts);
        }
        Output<String> url = service.uri();
        if (spec.platform().domain().isPresent()) {
            GcpDomain.create(name, spec, region, service, opts, invoke);
            url = Output.of(spec.platform().domainUrl().orElseThrow());
        }
        return new CloudRunService(service, url, service.uri().applyValue(uri -> tagUrl(uri, spec.idleColor())));
    }

    /** A revision's full name: Cloud Run requires the service name as its prefix. */
    static Output<String> revisionName(String serviceName, RevisionPlan plan, Color color) {
        return plan.revisionId(color).applyValue(id -> serviceName + "-" + id);
    }

    /**
     * What this program puts in the template beyond the spec: the network and subnet of Direct VPC egress, the
     * runtime account, the Redis CA bundle, the request timeout. A change to any of them is a new revision.
     */
    static Output<String> templateInputs(GcpNetwork network, RuntimeIdentity identity, Memorystore redis) {
        Output<String> ca = redis.caCert() != null ? redis.caCert() : Output.of("");
        return Output.tuple(network.networkId(), network.subnetId(), identity.email(), ca)
                .applyValue(t -> String.join("\n", "network=" + t.t1, "subnet=" + t.t2, "account=" + t.t3,
                        "ca=" + t.t4, "timeout=" + Containers.REQUEST_TIMEOUT, "egress=" + EGRESS));
    }

    /** Only private ranges (Memorystore) go through the VPC; the model providers are reached directly. */
    static final String EGRESS = "PRIVATE_RANGES_ONLY";

    /**
     * A tag's URL is the service URL with {@code <tag>---} before the host, on both URL forms Cloud Run issues
     * ({@code https://consoul-x-uc.a.run.app} → {@code https://green---consoul-x-uc.a.run.app}).
     */
    static String tagUrl(String serviceUri, Color tag) {
        return serviceUri.replaceFirst("^https://", "https://" + tag.key() + "---");
    }

    private static ServiceTemplateArgs template(String serviceName, DeploymentSpec spec, RevisionPlan plan,
                                                GcpNetwork network, RuntimeIdentity identity, SecretEnv secrets,
                                                Memorystore redis) {
        Color color = plan.templateColor();
        Scaling scaling = spec.scaling();
        return ServiceTemplateArgs.builder()
                .revision(revisionName(serviceName, plan, color))
                .serviceAccount(identity.email())
                .maxInstanceRequestConcurrency(scaling.concurrency())
                .scaling(ServiceTemplateScalingArgs.builder()
                        .minInstanceCount(scaling.minReplicas(color)).maxInstanceCount(scaling.maxReplicas()).build())
                // Cloud Run waits this long for in-flight requests; the app drains within it.
                .timeout(Containers.REQUEST_TIMEOUT)
                .vpcAccess(ServiceTemplateVpcAccessArgs.builder()
                        .egress(EGRESS)
                        .networkInterfaces(ServiceTemplateVpcAccessNetworkInterfaceArgs.builder()
                                .network(network.networkId()).subnetwork(network.subnetId()).build())
                        .build())
                .containers(Containers.app(spec, spec.image(color), secrets, redis))
                .build();
    }

    /** Blue first, then green, whichever is active: a switch swaps two percentages and nothing else. */
    private static List<ServiceTrafficArgs> traffic(String serviceName, DeploymentSpec spec, RevisionPlan plan) {
        return spec.colors().stream().map(color -> ServiceTrafficArgs.builder()
                .type(BY_REVISION)
                .revision(revisionName(serviceName, plan, color))
                .tag(color.key())
                .percent(plan.percent(color))
                .build()).toList();
    }
}
