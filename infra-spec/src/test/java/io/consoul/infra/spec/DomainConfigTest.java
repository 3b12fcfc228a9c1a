package io.consoul.infra.spec;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.consoul.infra.spec.fixtures.SpecFixtures.read;
import static io.consoul.infra.spec.fixtures.SpecFixtures.refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code domain}, {@code dnsZone}, {@code tlsIssuer}: HTTPS on the user's domain. */
class DomainConfigTest {

    @Test
    @DisplayName("a domain and its zone give the preview name preview.<domain>; a trailing dot on the zone is dropped")
    void domainAndZone() {
        Platform p = read("aws-production", Map.of("consoul:domain", "api.example.com", "consoul:dnsZone", "example.com."))
                .platform();
        assertEquals("api.example.com", p.domain().orElseThrow());
        assertEquals("example.com", p.dnsZone().orElseThrow());
        assertEquals("preview.api.example.com", p.previewDomain().orElseThrow());
        assertTrue(p.https(), "a domain turns HTTPS on");
    }

    @Test
    @DisplayName("a domain outside its zone, or that is no host name, is refused naming key and value")
    void badDomainsRefused() {
        assertTrue(refusal("aws-production", Map.of("consoul:domain", "api.example.org", "consoul:dnsZone", "example.com"))
                .contains("consoul:domain = 'api.example.org' is not in consoul:dnsZone = 'example.com'"));
        assertTrue(refusal("k8s-production", Map.of("consoul:domain", "API_example", "consoul:tlsIssuer", "letsencrypt"))
                .contains("consoul:domain = 'API_example' is not a host name"));
    }

    @Test
    @DisplayName("each cloud asks for what it needs: a zone on aws and gcp, a ClusterIssuer on k8s")
    void eachCloudsRequirements() {
        assertTrue(refusal("aws-production", Map.of("consoul:domain", "api.example.com"))
                .contains("consoul:domain = 'api.example.com' needs consoul:dnsZone on aws"));
        assertTrue(refusal("k8s-production", Map.of("consoul:domain", "api.example.com"))
                .contains("needs consoul:tlsIssuer on k8s"));
        assertTrue(refusal("gcp-production", Map.of("consoul:domain", "example.com", "consoul:dnsZone", "example.com"))
                .contains("is the apex of consoul:dnsZone on gcp"));
        assertTrue(refusal("k8s-production", Map.of("consoul:tlsIssuer", "letsencrypt"))
                .contains("consoul:tlsIssuer is set without consoul:domain"));
    }

    @Test
    @DisplayName("a key the stack's cloud does not read is refused, not ignored: tlsIssuer off k8s, dnsZone on k8s, AWS keys elsewhere")
    void keysOfAnotherCloudRefused() {
        assertTrue(refusal("aws-production", Map.of("consoul:domain", "api.example.com", "consoul:dnsZone", "example.com",
                "consoul:tlsIssuer", "letsencrypt"))
                .contains("consoul:tlsIssuer is set on aws: it is the cert-manager ClusterIssuer of the Ingress, used only on k8s"));
        assertTrue(refusal("gcp-production", Map.of("consoul:domain", "api.example.com", "consoul:dnsZone", "example.com",
                "consoul:tlsIssuer", "letsencrypt"))
                .contains("consoul:tlsIssuer is set on gcp"));
        assertTrue(refusal("k8s-production", Map.of("consoul:domain", "api.example.com", "consoul:tlsIssuer", "letsencrypt",
                "consoul:dnsZone", "example.com"))
                .contains("consoul:dnsZone is set on k8s: it is the zone the program writes the domain's records in"));
        assertTrue(refusal("gcp-production", Map.of("consoul:alarmEmail", "ops@example.com"))
                .contains("consoul:alarmEmail is set on gcp: it is an address for the CloudWatch alarms' topic, used only on aws"));
        assertTrue(refusal("azure-production", Map.of("consoul:namespace", "consoul"))
                .contains("consoul:namespace is set on azure: it is the Kubernetes namespace, used only on k8s"));
        assertEquals("letsencrypt", read("k8s-production", Map.of("consoul:domain", "api.example.com",
                "consoul:tlsIssuer", "letsencrypt")).platform().tlsIssuer().orElseThrow());
    }

    @Test
    @DisplayName("serviceType is read on k8s only: set on another cloud it is refused; unset on k8s it is LoadBalancer")
    void serviceTypeOnlyOnKubernetes() {
        assertTrue(refusal("aws-production", Map.of("consoul:serviceType", "ClusterIP"))
                .contains("consoul:serviceType is set on aws: it is the type of the Kubernetes Services, used only on k8s"));
        assertTrue(refusal("gcp-dev", Map.of("consoul:serviceType", "LoadBalancer")).contains("consoul:serviceType is set on gcp"));
        assertEquals("ClusterIP", read("k8s-dev", Map.of("consoul:serviceType", "ClusterIP")).platform().serviceType());
        assertEquals("LoadBalancer", read("k8s-production", Map.of()).platform().serviceType());
    }

    @Test
    @DisplayName("azure takes a domain on a public app, with the resource group of its DNS zone")
    void azureDomainRequirements() {
        Platform p = read("azure-production", Map.of("consoul:domain", "api.example.com", "consoul:dnsZone", "example.com",
                "consoul:dnsZoneResourceGroup", "dns", "consoul:allowPublicAccess", "true")).platform();
        assertEquals("dns", p.dnsZoneResourceGroup().orElseThrow());
        assertTrue(refusal("azure-production", Map.of("consoul:domain", "api.example.com", "consoul:dnsZone", "example.com",
                "consoul:allowPublicAccess", "true"))
                .contains("consoul:domain = 'api.example.com' needs consoul:dnsZoneResourceGroup on azure"));
        assertTrue(refusal("azure-production", Map.of("consoul:domain", "api.example.com", "consoul:dnsZone", "example.com",
                "consoul:dnsZoneResourceGroup", "dns", "consoul:allowPublicAccess", "false"))
                .contains("consoul:domain = 'api.example.com' needs consoul:allowPublicAccess = true on azure"));
        assertTrue(refusal("azure-production", Map.of("consoul:domain", "api.example.com", "consoul:dnsZone", "example.com",
                "consoul:dnsZoneResourceGroup", "dns.", "consoul:allowPublicAccess", "true"))
                .contains("consoul:dnsZoneResourceGroup = 'dns.' is not a resource group name"));
        assertTrue(refusal("aws-production", Map.of("consoul:domain", "api.example.com", "consoul:dnsZone", "example.com",
                "consoul:dnsZoneResourceGroup", "dns"))
                .contains("consoul:dnsZoneResourceGroup is set on aws"));
    }
}
