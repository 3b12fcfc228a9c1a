package io.consoul.infra.spec.mock;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Fixed answers for the provider functions Consoul's programs call, keyed by token. */
final class StandardFunctions {
    static final Map<String, Function<Map<String, Object>, Map<String, Object>>> ANSWERS = Map.of(
            "aws:index/getAvailabilityZones:getAvailabilityZones", args -> Map.of(
                    "names", List.of("us-east-1a", "us-east-1b", "us-east-1c"),
                    "zoneIds", List.of("use1-az1", "use1-az2", "use1-az4"),
                    "id", ComputedValues.REGION),
            "aws:index/getRegion:getRegion", args -> Map.of("name", ComputedValues.REGION, "id", ComputedValues.REGION),
            "aws:index/getCallerIdentity:getCallerIdentity", args -> Map.of(
                    "accountId", ComputedValues.ACCOUNT, "arn", "arn:aws:iam::" + ComputedValues.ACCOUNT + ":user/mock",
                    "userId", "AIDAMOCK", "id", ComputedValues.ACCOUNT),
            "aws:route53/getZone:getZone", args -> Map.ofEntries(
                    Map.entry("zoneId", "Z0MOCK" + Math.abs(String.valueOf(args.get("name")).hashCode())),
                    Map.entry("name", String.valueOf(args.get("name"))),
                    Map.entry("id", "Z0MOCK"), Map.entry("arn", "arn:aws:route53:::hostedzone/Z0MOCK"),
                    Map.entry("callerReference", "mock"), Map.entry("comment", ""),
                    Map.entry("linkedServiceDescription", ""), Map.entry("linkedServicePrincipal", ""),
                    Map.entry("nameServers", List.of("ns-1.awsdns-00.com")), Map.entry("primaryNameServer", "ns-1.awsdns-00.com"),
                    Map.entry("privateZone", false), Map.entry("resourceRecordSetCount", 2), Map.entry("tags", Map.of()),
                    Map.entry("vpcId", "")),
            "aws:ec2/getVpc:getVpc", args -> Map.of(
                    "id", String.valueOf(args.getOrDefault("id", "vpc-0mock")), "cidrBlock", "10.0.0.0/16"),
            "gcp:organizations/getProject:getProject", args -> Map.of(
                    "projectId", "consoul-mock", "number", "123456789012", "id", "projects/consoul-mock"),
            "azure-native:authorization:getClientConfig", args -> Map.of(
                    "subscriptionId", "00000000-0000-0000-0000-000000000000",
                    "tenantId", "00000000-0000-0000-0000-000000000001",
                    "clientId", "00000000-0000-0000-0000-000000000002",
                    "objectId", "00000000-0000-0000-0000-000000000003"),
            "azure-native:operationalinsights:getSharedKeys", args -> Map.of(
                    "primarySharedKey", "mock-workspace-key", "secondarySharedKey", "mock-workspace-key-2"),
            "azure-native:cache:listRedisKeys", args -> Map.of(
                    "primaryKey", "mock-primary-key", "secondaryKey", "mock-secondary-key"),
            // A new stack: the managed certificate does not exist yet, and Azure answers as it does for any missing resource.
            "azure-native:app:getManagedCertificate", args -> {
                throw new IllegalStateException("invocation of azure-native:app:getManagedCertificate returned an error:"
                        + " Status=404 Code=\"ResourceNotFound\" Message=\"The Resource 'Microsoft.App/managedEnvironments/"
                        + args.get("environmentName") + "/managedCertificates/" + args.get("managedCertificateName")
                        + "' was not found.\"");
            });

    private StandardFunctions() {
    }
}
