package io.consoul.infra.spec.mock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What real providers compute and mocks otherwise leave null: ARNs, auto-names, DNS names, endpoints, URIs, keys.
 * Without them a listener's target group ARN or a stack's URL is silently empty under mocks.
 */
final class ComputedValues {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";

    /** By type token: adds what that provider resource computes, from its logical name. */
    private static final Map<String, BiConsumer<String, Map<String, Object>>> BY_TYPE = new HashMap<>();

    static {
        // AWS
        BY_TYPE.put("aws:lb/loadBalancer:LoadBalancer", (name, s) -> {
            s.putIfAbsent("dnsName", name + "-1234567890." + REGION + ".elb.amazonaws.com");
            s.putIfAbsent("zoneId", "Z35SXDOTRQ7X7K");
            s.putIfAbsent("arnSuffix", "app/" + name + "/50dc6c495c0c9188");
        });
        BY_TYPE.put("aws:lb/targetGroup:TargetGroup", (name, s) -> s.putIfAbsent("arnSuffix", "targetgroup/" + name + "/73e2d6bc24d8a067"));
        BY_TYPE.put("aws:elasticache/replicationGroup:ReplicationGroup", (name, s) -> {
            s.putIfAbsent("primaryEndpointAddress", "master." + name + ".abcdef.use1.cache.amazonaws.com");
            s.putIfAbsent("readerEndpointAddress", "replica." + name + ".abcdef.use1.cache.amazonaws.com");
            s.putIfAbsent("port", 6379);
        });
        // ACM asks for one CNAME per name on the certificate, to be written in the zone.
        BY_TYPE.put("aws:acm/certificate:Certificate", (name, s) -> {
            List<Object> names = new java.util.ArrayList<>();
            names.add(s.get("domainName"));
            if (s.get("subjectAlternativeNames") instanceof List<?> sans) {
                names.addAll(sans);
            }
            s.putIfAbsent("domainValidationOptions", names.stream().map(n -> Map.of(
                    "domainName", String.valueOf(n),
                    "resourceRecordName", "_0123abcd." + n + ".",
                    "resourceRecordType", "CNAME",
                    "resourceRecordValue", "_4567efab.acm-validations.aws.")).toList());
        });
        BY_TYPE.put("aws:route53/record:Record", (name, s) -> s.putIfAbsent("fqdn", String.valueOf(s.get("name"))));
        BY_TYPE.put("aws:ecs/service:Service", (name, s) -> s.putIfAbsent("cluster", "consoul"));
        BY_TYPE.put("aws:ecs/taskDefinition:TaskDefinition", (name, s) -> s.putIfAbsent("revision", 1));
        // Secrets Manager gives each new value a new version id; the mock derives one from the value.
        BY_TYPE.put("aws:secretsmanager/secretVersion:SecretVersion", (name, s) ->
                s.putIfAbsent("versionId", "v-" + Integer.toHexString(String.valueOf(s.get("secretString")).hashCode())));
        // GCP
        BY_TYPE.put("gcp:cloudrunv2/service:Service", (name, s) -> {
            s.putIfAbsent("uri", "https://" + name + "-abc123-uc.a.run.app");
            s.putIfAbsent("uid", name + "-uid");
        });
        BY_TYPE.put("gcp:serviceaccount/account:Account", (name, s) -> s.putIfAbsent("email",
                s.getOrDefault("accountId", name) + "@consoul-mock.iam.gserviceaccount.com"));
        BY_TYPE.put("gcp:redis/instance:Instance", (name, s) -> {
            s.putIfAbsent("host", "10.0.0.3");
            s.putIfAbsent("port", 6378);
            s.putIfAbsent("authString", "mock-auth-string-0123456789");
            s.putIfAbsent("serverCaCerts", List.of(Map.of("cert", "-----BEGIN CERTIFICATE-----mock")));
        });
        // Azure
        BY_TYPE.put("azure-native:cache:Redis", (name, s) -> {
            s.putIfAbsent("hostName", name + ".redis.cache.windows.net");
            s.putIfAbsent("sslPort", 6380);
            s.putIfAbsent("port", 6379);
            s.putIfAbsent("accessKeys", Map.of("primaryKey", "mock-primary-key", "secondaryKey", "mock-secondary-key"));
        });
        BY_TYPE.put("azure-native:app:ContainerApp", (name, s) -> {
            s.putIfAbsent("latestRevisionFqdn", name + "--rev1.kindhill-1234.eastus.azurecontainerapps.io");
            s.putIfAbsent("latestRevisionName", name + "--rev1");
            s.putIfAbsent("outboundIpAddresses", List.of("20.0.0.1"));
        });
        BY_TYPE.put("azure-native:managedidentity:UserAssignedIdentity", (name, s) -> {
            s.putIfAbsent("principalId", "11111111-1111-1111-1111-" + String.format("%012d", Math.abs(name.hashCode()) % 1_000_000_000_000L));
            s.putIfAbsent("clientId", "22222222-2222-2222-2222-" + String.format("%012d", Math.abs(name.hashCode()) % 1_000_000_000_000L));
        });
        BY_TYPE.put("azure-native:app:ManagedEnvironment", (name, s) -> {
            s.putIfAbsent("defaultDomain", "kindhill-1234.eastus.azurecontainerapps.io");
            s.putIfAbsent("staticIp", "20.0.0.10");
            s.putIfAbsent("customDomainConfiguration", Map.of("customDomainVerificationId", ComputedValues.AZURE_DOMAIN_VERIFICATION_ID,
                    "expirationDate", "", "subjectName", "", "thumbprint", ""));
        });
        // Kubernetes
        BY_TYPE.put("kubernetes:core/v1:Service", (name, s) -> {
            if (!s.containsKey("status")) {
                s.put("status", Map.of("loadBalancer", Map.of("ingress", List.of(Map.of("hostname", name + ".lb.example.com")))));
            }
        });
    }

    /** What Azure answers as the subscription's custom-domain verification id (the {@code asuid} TXT value). */
    static final String AZURE_DOMAIN_VERIFICATION_ID = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";

    private ComputedValues() {
    }

    /** Inputs plus the provider-computed values for this type, never overriding what the program set. */
    static Map<String, Object> complete(String type, String name, Map<String, Object> inputs) {
        Map<String, Object> state = new HashMap<>(inputs);
        if (type.startsWith("aws:")) {
            state.putIfAbsent("arn", arn(type, name));
        }
        if (type.startsWith("kubernetes:")) {
            state.put("metadata", kubernetesMetadata(name, state.get("metadata")));
        } else {
            state.putIfAbsent("name", name);
        }
        state.putIfAbsent("id", name + "-id");
        BY_TYPE.getOrDefault(type, (n, s) -> { }).accept(name, state);
        if (type.startsWith("azure-native:")) {
            state.computeIfPresent("identity", (k, identity) -> azureIdentity(identity));
        }
        return state;
    }

    /** {@code aws:lb/targetGroup:TargetGroup} → {@code arn:aws:lb:us-east-1:123456789012:targetgroup/<name>}. */
    static String arn(String type, String name) {
        String service = type.substring(type.indexOf(':') + 1, type.indexOf('/'));
        String kind = type.substring(type.lastIndexOf(':') + 1).toLowerCase();
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + kind + "/" + name;
    }

    /**
     * Azure takes user-assigned identities as a list of ids and answers with a map from id to the identity's ids, as
     * the provider's output type expects.
     */
    private static Object azureIdentity(Object identity) {
        if (identity instanceof Map<?, ?> m && m.get("userAssignedIdentities") instanceof List<?> ids) {
            Map<String, Object> result = new HashMap<>();
            m.forEach((k, v) -> result.put(String.valueOf(k), v));
            Map<String, Object> byId = new HashMap<>();
            ids.forEach(id -> byId.put(String.valueOf(id), Map.of()));
            result.put("userAssignedIdentities", byId);
            return result;
        }
        return identity;
    }

    /** Kubernetes auto-names from the logical name and fills the namespace a cluster would. */
    private static Map<String, Object> kubernetesMetadata(String name, Object metadata) {
        Map<String, Object> result = new HashMap<>();
        if (metadata instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v));
        }
        result.putIfAbsent("name", name);
        result.putIfAbsent("uid", name + "-uid");
        return result;
    }
}
