package io.consoul.infra.conformance;

import com.pulumi.Context;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.StackOutputs;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.mock.MockStack;
import io.consoul.infra.spec.mock.StackRun;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS on the user's domain, the same promise on every cloud: url on the domain, an HTTPS preview, a certificate. */
@Timeout(300)
class DomainTest {
    private static final Map<Cloud, BiConsumer<Context, DeploymentSpec>> PROGRAMS = Map.of(
            Cloud.AWS, io.consoul.infra.aws.App::stack,
            Cloud.K8S, io.consoul.infra.k8s.App::stack,
            Cloud.GCP, io.consoul.infra.gcp.App::stack,
            Cloud.AZURE, io.consoul.infra.azure.App::stack);

    /** What issues each cloud's certificate (or asks for it), and what writes its DNS record, by resource type. */
    private static final Map<Cloud, List<String>> CERTIFICATE_AND_DNS = Map.of(
            Cloud.AWS, List.of("aws:acm/certificate:Certificate", "aws:route53/record:Record"),
            Cloud.GCP, List.of("gcp:cloudrun/domainMapping:DomainMapping", "gcp:dns/recordSet:RecordSet"),
            Cloud.AZURE, List.of("azure-native:app:ManagedCertificate", "azure-native:network:RecordSet"),
            Cloud.K8S, List.of("kubernetes:networking.k8s.io/v1:Ingress"));

    @ParameterizedTest(name = "{0}-production with domain api.example.com: url https://api.example.com, an HTTPS previewUrl, certificate and DNS declared")
    @EnumSource(Cloud.class)
    void httpsOnTheDomain(Cloud cloud) {
        Map<String, String> config = new HashMap<>(Map.of("consoul:domain", "api.example.com",
                "consoul:allowPublicAccess", "true"));
        switch (cloud) {
            case K8S -> config.put("consoul:tlsIssuer", "letsencrypt");
            case AZURE -> config.putAll(Map.of("consoul:dnsZone", "example.com", "consoul:dnsZoneResourceGroup", "dns"));
            default -> config.put("consoul:dnsZone", "example.com");
        }
        String stack = cloud.key() + "-production";
        DeploymentSpec spec = SpecFixtures.read(stack, config);
        StackRun run = MockStack.run(stack, ctx -> PROGRAMS.get(cloud).accept(ctx, spec)).requireSuccess();
        assertEquals("https://api.example.com", run.outputs().get(StackOutputs.URL));
        assertTrue(String.valueOf(run.outputs().get(StackOutputs.PREVIEW_URL)).startsWith("https://"),
                "previewUrl " + run.outputs().get(StackOutputs.PREVIEW_URL));
        for (String type : CERTIFICATE_AND_DNS.get(cloud)) {
            assertFalse(run.resourcesOfType(type).isEmpty(), cloud.key() + " declares no " + type);
        }
    }
}
