package io.consoul.infra.spec;

import java.util.Optional;

/**
 * Settings that differ per environment rather than per cloud; each cloud uses those it has.
 *
 * @param deletionProtection load balancer / database deletion protection; default on in production
 * @param logRetentionDays   days logs are kept; default 7 dev, 30 staging, 90 production
 * @param certificateArn     AWS: the ACM certificate for HTTPS (with an HTTP redirect); empty serves plain HTTP
 * @param network            AWS: create a VPC, or use an existing one
 * @param namespace          Kubernetes: the namespace; default {@code consoul-<environment>}
 * @param serviceType        Kubernetes: type of the two public Services; default LoadBalancer
 * @param allowPublicAccess  Cloud Run / Container Apps: anyone on the internet may call the service (the app still
 *                           checks its API keys); default false, so a stack opens itself only when it says so
 * @param alarmTopicArn      AWS: the SNS topic the alarms notify; empty creates one
 * @param alarmEmail         AWS: an address subscribed to the topic the program creates
 * @param domain             the production host name ({@code api.example.com}): {@code url} becomes
 *                           {@code https://<domain>}, with a certificate the program obtains; the preview answers on
 *                           {@code preview.<domain>} where the program routes it
 * @param dnsZone            the DNS zone the records go in ({@code example.com}): Route 53, Cloud DNS, Azure DNS
 * @param tlsIssuer          Kubernetes: the cert-manager ClusterIssuer that issues the Ingress certificate
 * @param dnsZoneResourceGroup Azure: the resource group holding the Azure DNS zone {@code dnsZone} (an Azure DNS
 *                           zone is addressed by resource group and name)
 */
public record Platform(boolean deletionProtection, int logRetentionDays, Optional<String> certificateArn,
                       Network network, String namespace, String serviceType, boolean allowPublicAccess,
                       Optional<String> alarmTopicArn, Optional<String> alarmEmail, Optional<String> domain,
                       Optional<String> dnsZone, Optional<String> tlsIssuer, Optional<String> dnsZoneResourceGroup) {

    /** The preview host where the program routes it: {@code preview.<domain>}. */
    public Optional<String> previewDomain() {
        return domain.map(d -> "preview." + d);
    }

    /** Production's address on the stack's domain, {@code https://<domain>}: the {@code url} output on every cloud. */
    public Optional<String> domainUrl() {
        return domain.map(d -> "https://" + d);
    }

    /** The preview's address where the program routes it, {@code https://preview.<domain>}, on the default port. */
    public Optional<String> previewDomainUrl() {
        return previewDomain().map(d -> "https://" + d);
    }

    /** Retention periods CloudWatch accepts; the other clouds accept all of them. */
    public static final int[] LOG_RETENTION_DAYS =
            {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

    public static final String DEFAULT_SERVICE_TYPE = "LoadBalancer";
    public static final String[] SERVICE_TYPES = {DEFAULT_SERVICE_TYPE, "NodePort", "ClusterIP"};

    /** AWS serves HTTPS with a certificate given by ARN or obtained for {@code domain}. */
    public boolean https() {
        return certificateArn.isPresent() || domain.isPresent();
    }
}
