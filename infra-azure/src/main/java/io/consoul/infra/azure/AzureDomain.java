package io.consoul.infra.azure;

import com.pulumi.azurenative.app.AppFunctions;
import com.pulumi.azurenative.app.ContainerApp;
import com.pulumi.azurenative.app.ManagedCertificate;
import com.pulumi.azurenative.app.ManagedCertificateArgs;
import com.pulumi.azurenative.app.inputs.CustomDomainArgs;
import com.pulumi.azurenative.app.inputs.GetManagedCertificatePlainArgs;
import com.pulumi.azurenative.app.inputs.ManagedCertificatePropertiesArgs;
import com.pulumi.azurenative.network.RecordSet;
import com.pulumi.azurenative.network.RecordSetArgs;
import com.pulumi.azurenative.network.inputs.ARecordArgs;
import com.pulumi.azurenative.network.inputs.CnameRecordArgs;
import com.pulumi.azurenative.network.inputs.TxtRecordArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * HTTPS on the stack's domain: a custom domain on the Container App with a free managed certificate
 * (https://learn.microsoft.com/en-us/azure/container-apps/custom-domains-managed-certificates), its records in the
 * Azure DNS zone {@code dnsZone}: TXT {@code asuid.<host>} with the subscription's domain verification id, and a CNAME
 * of the host to the app's FQDN (an A record of the environment's static IP for a zone apex, which cannot hold a
 * CNAME; the certificate is then validated over HTTP instead of by CNAME).
 *
 * <p>The order Azure imposes: the host name must be on the app before the certificate can be created
 * ("Creating managed certificate requires hostname ... added as a custom hostname to a container app",
 * microsoft/azure-container-apps#1570), and the app can bind only a certificate that exists. API versions before
 * 2024-10-02-preview (azure-native 2.10.0 speaks 2023-05-01) have no {@code bindingType: Auto} that would do both at
 * once (microsoft/azure-container-apps#796). So:
 * <ul>
 *   <li>First deploy: the records, then the app with the host name at {@code bindingType: Disabled}, then the
 *       {@link ManagedCertificate}, then a deployment script binding it ({@code az containerapp hostname bind
 *       --certificate}), which waits until the certificate is issued.</li>
 *   <li>Every later deploy: the program looks the certificate up ({@code getManagedCertificate}) and declares the
 *       binding itself, {@code SniEnabled} with the certificate's id, so the full PUT of the Container App that every
 *       update sends keeps the binding instead of resetting it to Disabled (a PUT without it removes the domain:
 *       microsoft/azure-container-apps#1429).</li>
 * </ul>
 * The verification id is read from the managed environment (the same subscription-wide value the app reports), so
 * the TXT record exists before the app that needs it.
 */
final class AzureDomain {
    static final double TTL = 300;
    /** Names the subscription's verification record: {@code asuid.<host>}. */
    static final String VERIFICATION_PREFIX = "asuid";
    /** Binds the certificate once it is issued; issuance can take minutes (the doc says up to 20). */
    static final String BIND_SCRIPT = DeploymentScripts.PRELUDE + String.join("\n",
            "az resource wait --ids \"$CERT\" --custom \"properties.provisioningState=='Succeeded'\" --interval 15 --timeout 1500",
            "az containerapp hostname bind --name \"$APP\" --resource-group \"$RG\" --hostname \"$HOST\""
                    + " --certificate \"$CERT\" --output none",
            "");

    private final String name;
    private final DeploymentSpec spec;
    private final String host;
    private final String zone;
    private final List<Resource> records;
    private final Output<Optional<String>> existingCertificate;

    private AzureDomain(String name, DeploymentSpec spec, List<Resource> records,
                        Output<Optional<String>> existingCertificate) {
        this.name = name;
        this.spec = spec;
        this.host = spec.platform().domain().orElseThrow();
        this.zone = spec.platform().dnsZone().orElseThrow();
        this.records = records;
        this.existingCertificate = existingCertificate;
    }

    /** The records the app's host name needs before the app can take it, and whether its certificate exists. */
    static AzureDomain prepare(String name, DeploymentSpec spec, AzureGroup group, AppEnvironment environment,
                               String appName, CustomResourceOptions opts, InvokeOptions invoke) {
        var platform = spec.platform();
        String host = platform.domain().orElseThrow();
        String zone = platform.dnsZone().orElseThrow();
        String zoneGroup = platform.dnsZoneResourceGroup().orElseThrow();
        String relative = relativeName(host, zone);
        var env = environment.environment();
        Output<String> verificationId = env.customDomainConfiguration().applyValue(c -> c.orElseThrow(() ->
                new IllegalStateException("Azure gave no customDomainConfiguration for the environment")).customDomainVerificationId());
        var txt = new RecordSet(name + "-domain-verification", RecordSetArgs.builder()
                .resourceGroupName(zoneGroup).zoneName(zone).recordType("TXT")
                .relativeRecordSetName(relative.equals("@") ? VERIFICATION_PREFIX : VERIFICATION_PREFIX + "." + relative)
                .ttl(TTL)
                .txtRecords(verificationId.applyValue(id -> List.of(TxtRecordArgs.builder().value(id).build())))
                .build(), opts);
        var address = relative.equals("@")
                ? new RecordSet(name + "-domain", RecordSetArgs.builder()
                        .resourceGroupName(zoneGroup).zoneName(zone).recordType("A").relativeRecordSetName(relative)
                        .ttl(TTL).aRecords(env.staticIp().applyValue(ip -> List.of(ARecordArgs.builder().ipv4Address(ip).build())))
                        .build(), opts)
                : new RecordSet(name + "-domain", RecordSetArgs.builder()
                        .resourceGroupName(zoneGroup).zoneName(zone).recordType("CNAME").relativeRecordSetName(relative)
                        .ttl(TTL).cnameRecord(env.defaultDomain().applyValue(d ->
                                CnameRecordArgs.builder().cname(appName + "." + d).build()))
                        .build(), opts);
        return new AzureDomain(name, spec, List.of(txt, address),
                existingCertificate(group, environment, certificateName(name, host), invoke));
    }

    /** The record set's name inside its zone: {@code @} for the apex. */
    static String relativeName(String host, String zone) {
        return host.equals(zone) ? "@" : host.substring(0, host.length() - zone.length() - 1);
    }

    /** The certificate's name in the environment, fixed so a later deploy can look it up. */
    static String certificateName(String name, String host) {
        return name + "-" + host.replace('.', '-');
    }

    /** What the app must exist after: Azure checks these records when the host name is added. */
    List<Resource> records() {
        return records;
    }

    /** The app's custom domain: bound to its certificate once that exists, else added unbound (first deploy). */
    Output<List<CustomDomainArgs>> customDomains() {
        return existingCertificate.applyValue(certificate -> List.of(certificate
                .map(id -> CustomDomainArgs.builder().name(host).bindingType("SniEnabled").certificateId(id).build())
                .orElseGet(() -> CustomDomainArgs.builder().name(host).bindingType("Disabled").build())));
    }

    /** The managed certificate, after the app holds the host name, and the script that binds it on a first deploy. */
    ManagedCertificate certify(AzureGroup group, AppEnvironment environment, ContainerApp app,
                               DeploymentScripts scripts, CustomResourceOptions opts) {
        var certificate = new ManagedCertificate(name + "-domain", ManagedCertificateArgs.builder()
                .resourceGroupName(group.name())
                .environmentName(environment.environment().name())
                .managedCertificateName(certificateName(name, host))
                .properties(ManagedCertificatePropertiesArgs.builder()
                        .subjectName(host)
                        // CNAME validation for a subdomain; a zone apex has no CNAME, so Azure validates over HTTP.
                        .domainControlValidation(relativeName(host, zone).equals("@") ? "HTTP" : "CNAME")
                        .build())
                .build(),
                CustomResourceOptions.merge(opts, CustomResourceOptions.builder().dependsOn(app).build()));
        Map<String, Output<String>> env = new LinkedHashMap<>();
        env.put("APP", app.name());
        env.put("RG", group.name());
        env.put("HOST", Output.of(host));
        env.put("CERT", certificate.id());
        // Re-runs when the certificate changes (a new domain); binding an already bound certificate changes nothing.
        scripts.script(name + "-domain", env, BIND_SCRIPT, certificate.id(), "PT30M", List.of(certificate), opts);
        return certificate;
    }

    /**
     * The certificate's id when a previous deploy created it; empty on a first deploy, when Azure answers 404. Any
     * other error fails the deploy.
     */
    private static Output<Optional<String>> existingCertificate(AzureGroup group, AppEnvironment environment,
                                                                String certificateName, InvokeOptions invoke) {
        return Output.tuple(group.name(), environment.environment().name()).apply(names -> Output.of(
                AppFunctions.getManagedCertificatePlain(GetManagedCertificatePlainArgs.builder()
                                .resourceGroupName(names.t1).environmentName(names.t2)
                                .managedCertificateName(certificateName).build(), invoke)
                        .handle((certificate, error) -> {
                            if (error == null) {
                                return Optional.of(certificate.id());
                            }
                            if (notFound(error)) {
                                return Optional.<String>empty();
                            }
                            throw error instanceof CompletionException c ? c : new CompletionException(error);
                        })));
    }

    private static boolean notFound(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Status=404") || message.contains("ResourceNotFound") || message.contains("NotFound")) {
                return true;
            }
        }
        return false;
    }

    Output<String> url() {
        return Output.of(spec.platform().domainUrl().orElseThrow());
    }
}
