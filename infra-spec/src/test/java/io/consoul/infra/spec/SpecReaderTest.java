package io.consoul.infra.spec;

import io.consoul.infra.spec.fixtures.SpecFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecReaderTest {

    private static DeploymentSpec read(String stack, Map<String, String> overrides) {
        Map<String, String> config = SpecFixtures.config();
        config.putAll(overrides);
        config.values().removeIf(v -> v == null || v.equals("<unset>"));
        return DeploymentSpec.fromConfig(SpecFixtures.source(stack, config));
    }

    @Test
    @DisplayName("unset keys take the deployment spec's defaults (medium, 2-10, CPU 70, 80, 300/60, blue, managed)")
    void defaultsAreTheGuides() {
        DeploymentSpec spec = read("aws-staging", Map.of());
        assertEquals(Cloud.AWS, spec.cloud());
        assertEquals(DeployEnvironment.STAGING, spec.environment());
        assertEquals(Size.MEDIUM, spec.size());
        assertEquals(new Scaling(2, 10, 70, 80, 300, 60), spec.scaling());
        assertEquals(Color.BLUE, spec.activeColor());
        assertEquals(Color.GREEN, spec.idleColor());
        assertEquals(RedisMode.MANAGED, spec.redis().mode());
        assertFalse(spec.redis().highAvailability(), "Redis failover is a production default");
        assertFalse(spec.platform().deletionProtection(), "deletion protection is a production default");
        assertEquals(30, spec.platform().logRetentionDays());
    }

    @Test
    @DisplayName("production turns on Redis failover and deletion protection, and keeps logs 90 days")
    void productionTurnsOnSafetyNets() {
        DeploymentSpec spec = read("k8s-production", Map.of());
        assertTrue(spec.redis().highAvailability());
        assertTrue(spec.platform().deletionProtection());
        assertEquals(90, spec.platform().logRetentionDays());
        assertEquals("consoul-production", spec.platform().namespace());
    }

    @Test
    @DisplayName("explicit consoul:cloud and consoul:environment win over the stack name")
    void explicitKeysWinOverStackName() {
        DeploymentSpec spec = read("alice-sandbox", Map.of("consoul:cloud", "k8s", "consoul:environment", "dev"));
        assertEquals(Cloud.K8S, spec.cloud());
        assertEquals(DeployEnvironment.DEV, spec.environment());
    }

    @Test
    @DisplayName("secrets stay secret: printing the spec never shows a secret value")
    void secretsAreNeverPrinted() {
        DeploymentSpec spec = read("aws-dev", Map.of());
        assertFalse(spec.toString().contains(SpecFixtures.API_KEYS));
        assertFalse(spec.toString().contains(SpecFixtures.REDIS_PASSWORD));
    }

    @Test
    @DisplayName("a list key takes both a,b and the JSON list `pulumi config set --path` writes")
    void subnetListsParseBothForms() {
        DeploymentSpec spec = read("aws-dev", Map.of("consoul:vpcId", "vpc-1",
                "consoul:publicSubnetIds", "[\"subnet-a\", \"subnet-b\"]", "consoul:privateSubnetIds", "subnet-c,subnet-d"));
        assertEquals(java.util.List.of("subnet-a", "subnet-b"), spec.platform().network().publicSubnetIds());
        assertEquals(java.util.List.of("subnet-c", "subnet-d"), spec.platform().network().privateSubnetIds());
    }

    @Test
    @DisplayName("Cloud Run and Container Apps may scale to zero; ECS and Kubernetes may not")
    void scaleToZeroOnlyWhereThePlatformCan() {
        assertEquals(0, read("gcp-dev", Map.of("consoul:minReplicas", "0")).scaling().minReplicas());
        assertEquals(0, read("azure-dev", Map.of("consoul:minReplicas", "0")).scaling().minReplicas());
        var error = assertThrows(InvalidConfigException.class, () -> read("aws-dev", Map.of("consoul:minReplicas", "0")));
        assertTrue(error.getMessage().contains("consoul:minReplicas = 0 is not allowed on aws: allowed 1..100"), error.getMessage());
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                Arguments.of("min greater than max", "aws-dev", Map.of("consoul:minReplicas", "12", "consoul:maxReplicas", "10"),
                        "consoul:minReplicas = 12 is greater than consoul:maxReplicas = 10"),
                Arguments.of("unknown size", "aws-dev", Map.of("consoul:size", "huge"),
                        "consoul:size = 'huge' is unknown: allowed development, small, medium, large, enterprise"),
                Arguments.of("unknown colour", "aws-dev", Map.of("consoul:activeColor", "red"),
                        "consoul:activeColor = 'red' is unknown: allowed blue, green"),
                Arguments.of("missing image", "aws-dev", Map.of("consoul:greenImage", "<unset>"),
                        "consoul:greenImage is missing"),
                Arguments.of("negative cooldown", "aws-dev", Map.of("consoul:scaleInCooldown", "-5"),
                        "consoul:scaleInCooldown = -5 is out of range: allowed 0..3600 (seconds)"),
                Arguments.of("not a number", "aws-dev", Map.of("consoul:maxReplicas", "ten"),
                        "consoul:maxReplicas = 'ten' is not a whole number"),
                Arguments.of("target over 100 percent", "k8s-dev", Map.of("consoul:cpuTarget", "170"),
                        "consoul:cpuTarget = 170 is out of range: allowed 1..100 (percent)"),
                Arguments.of("unknown redis mode", "aws-dev", Map.of("consoul:redis", "memcached"),
                        "consoul:redis = 'memcached' is unknown: allowed managed, external"),
                Arguments.of("external redis without its URL", "aws-dev", Map.of("consoul:redis", "external", "consoul:redisPassword", "<unset>"),
                        "consoul:redisUrl is missing but consoul:redis = external"),
                Arguments.of("malformed external redis URL", "aws-dev", Map.of("consoul:redis", "external", "consoul:redisUrl", "http://x"),
                        "consoul:redisUrl = [secret] is not a Redis URL"),
                Arguments.of("managed redis without password", "aws-dev", Map.of("consoul:redisPassword", "<unset>"),
                        "consoul:redisPassword is missing but consoul:redis = managed"),
                Arguments.of("short redis password", "aws-dev", Map.of("consoul:redisPassword", "short"),
                        "consoul:redisPassword = [secret, 5 characters] is not allowed: 16 to 128 characters"),
                Arguments.of("missing API keys", "aws-dev", Map.of("consoul:apiKeys", "<unset>"),
                        "consoul:apiKeys is missing: set it with `pulumi config set --secret consoul:apiKeys <value>`"),
                Arguments.of("stack name without a cloud", "production", Map.of(),
                        "consoul:cloud is not set and the stack name does not start with one of: aws, gcp, azure, k8s"),
                Arguments.of("unknown environment", "aws-qa", Map.of("consoul:environment", "qa"),
                        "consoul:environment = 'qa' is unknown: allowed dev, staging, production"),
                Arguments.of("unsupported log retention", "aws-dev", Map.of("consoul:logRetentionDays", "10"),
                        "consoul:logRetentionDays = 10 is not allowed: allowed [1, 3, 5, 7, 14, 30"),
                Arguments.of("existing VPC without subnets", "aws-dev", Map.of("consoul:vpcId", "vpc-1"),
                        "consoul:vpcId = 'vpc-1' needs consoul:publicSubnetIds and consoul:privateSubnetIds with at least 2"),
                Arguments.of("certificate that is not an ACM ARN", "aws-production", Map.of("consoul:certificateArn", "mycert"),
                        "consoul:certificateArn = 'mycert' is not an ACM certificate ARN"),
                Arguments.of("bad boolean", "aws-dev", Map.of("consoul:deletionProtection", "yes"),
                        "consoul:deletionProtection = 'yes' is not allowed: allowed true, false"),
                Arguments.of("unknown service type", "k8s-dev", Map.of("consoul:serviceType", "Ingress"),
                        "consoul:serviceType = 'Ingress' is unknown: allowed LoadBalancer, NodePort, ClusterIP"));
    }

    @ParameterizedTest(name = "invalid config is refused with a message naming key, value and what is allowed: {0}")
    @MethodSource("invalidConfigs")
    void invalidConfigNamesKeyValueAndAllowed(String rule, String stack, Map<String, String> overrides, String expected) {
        var error = assertThrows(InvalidConfigException.class, () -> read(stack, overrides));
        assertTrue(error.getMessage().contains(expected), () -> rule + ": got " + error.getMessage());
        assertFalse(error.getMessage().contains(SpecFixtures.REDIS_PASSWORD), "messages never show a secret");
    }

    @Test
    @DisplayName("every problem is reported at once, not one per run")
    void allProblemsAtOnce() {
        var error = assertThrows(InvalidConfigException.class,
                () -> read("aws-dev", Map.of("consoul:size", "huge", "consoul:activeColor", "red")));
        assertEquals(2, error.problems().size(), error.getMessage());
    }

    @Test
    @DisplayName("running a stack in the wrong cloud's program is refused")
    void wrongProgramIsRefused() {
        DeploymentSpec spec = read("k8s-dev", Map.of());
        var error = assertThrows(InvalidConfigException.class, () -> spec.requireCloud(Cloud.AWS));
        assertTrue(error.getMessage().contains("consoul:cloud = k8s but this is the aws program"), error.getMessage());
    }
}
