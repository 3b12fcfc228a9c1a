package io.consoul.infra.gcp;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.gcp.organizations.inputs.GetProjectArgs;
import com.pulumi.gcp.cloudrun.DomainMapping;
import com.pulumi.gcp.cloudrun.DomainMappingArgs;
import com.pulumi.gcp.cloudrun.inputs.DomainMappingMetadataArgs;
import com.pulumi.gcp.cloudrun.inputs.DomainMappingSpecArgs;
import com.pulumi.gcp.dns.RecordSet;
import com.pulumi.gcp.dns.RecordSetArgs;
import com.pulumi.gcp.organizations.OrganizationsFunctions;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;

/**
 * HTTPS on the stack's domain by a Cloud Run domain mapping: Google issues and renews a managed certificate for the
 * domain once its CNAME points at {@code ghs.googlehosted.com}
 * (https://cloud.google.com/run/docs/mapping-custom-domains), and the program writes that record in the Cloud DNS zone.
 * Chosen over a global external load balancer (serverless NEG, backend service, URL map, managed certificate, proxy,
 * address, forwarding rule) for having two resources instead of eight; its limits: the domain must be verified in
 * Search Console for the deploying account, and mappings exist only in the regions the doc lists. The preview keeps
 * the idle tag's own URL, {@code https://<colour>---<service>…run.app}, whose certificate Google already provides.
 */
final class GcpDomain {
    /** Where a subdomain's CNAME points for a Cloud Run domain mapping. */
    static final String CLOUD_RUN_CNAME = "ghs.googlehosted.com.";
    static final int TTL = 300;

    private GcpDomain() {
    }

    /**
     * The Cloud DNS managed zone holding {@code dnsZone}: zone resource names cannot hold dots, so the zone for
     * {@code example.com} is looked for as {@code example-com}, the name `gcloud dns managed-zones create` examples use.
     */
    static String managedZoneName(String dnsZone) {
        return dnsZone.replace('.', '-');
    }

    static void create(String name, DeploymentSpec spec, String region, com.pulumi.gcp.cloudrunv2.Service service,
                       CustomResourceOptions opts, InvokeOptions invoke) {
        String domain = spec.platform().domain().orElseThrow();
        Output<String> project = OrganizationsFunctions.getProject(GetProjectArgs.builder().build(), invoke).applyValue(p -> p.projectId().orElseThrow());
        new DomainMapping(name, DomainMappingArgs.builder()
                .location(region)
                .name(domain)
                .metadata(DomainMappingMetadataArgs.builder().namespace(project).build())
                .spec(DomainMappingSpecArgs.builder().routeName(service.name()).certificateMode("AUTOMATIC").build())
                .build(), opts);
        new RecordSet(name + "-domain", RecordSetArgs.builder()
                .managedZone(managedZoneName(spec.platform().dnsZone().orElseThrow()))
                .name(domain + ".")
                .type("CNAME")
                .ttl(TTL)
                .rrdatas(CLOUD_RUN_CNAME)
                .build(), opts);
    }
}
