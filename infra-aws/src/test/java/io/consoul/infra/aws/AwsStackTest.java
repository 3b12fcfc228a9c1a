package io.consoul.infra.aws;

import com.pulumi.aws.secretsmanager.SecretVersion;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.Network;
import io.consoul.infra.spec.StackOutputs;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.fixtures.SwitchRule;
import io.consoul.infra.spec.mock.MockStack;
import io.consoul.infra.spec.mock.MockedResource;
import io.consoul.infra.spec.mock.StackRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class AwsStackTest {
    static final String LISTENER = "aws:lb/listener:Listener";
    static final String TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
    static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";

    static StackRun run(DeploymentSpec spec) {
        return MockStack.run("aws-" + spec.environment().key(), ctx -> App.stack(ctx, spec)).requireSuccess();
    }

    static DeploymentSpec spec(Color active) {
        return SpecFixtures.spec(Cloud.AWS, DeployEnvironment.STAGING).activeColor(active).build();
    }

    static Object forwardTarget(MockedResource listener) {
        return listener.input("defaultActions.0.targetGroupArn").orElseThrow();
    }

    @ParameterizedTest(name = "production listener forwards to the active colour, the test listener to the idle one ({0} active)")
    @EnumSource(Color.class)
    void productionRouteReachesActiveColour(Color active) {
        StackRun run = run(spec(active));
        Object activeArn = run.resource(TARGET_GROUP, "consoul-" + active.key()).state().get("arn");
        Object idleArn = run.resource(TARGET_GROUP, "consoul-" + active.other().key()).state().get("arn");
        assertEquals(activeArn, forwardTarget(run.resource(LISTENER, "consoul-production")));
        assertEquals(idleArn, forwardTarget(run.resource(LISTENER, "consoul-preview")));
        assertEquals(active.key(), run.outputs().get(StackOutputs.ACTIVE_COLOR));
        assertEquals(active.other().key(), run.outputs().get(StackOutputs.IDLE_COLOR));
    }

    @Test
    @DisplayName("switching activeColor changes only the two listeners' target group; every other input is identical")
    void switchingChangesOnlyRouting() {
        StackRun blue = run(spec(Color.BLUE));
        StackRun green = run(spec(Color.GREEN));
        Set<String> routing = Set.of(LISTENER + " consoul-production", LISTENER + " consoul-preview");
        SwitchRule.assertOnlyRoutingChanges(blue, green, r -> routing.contains(r.type() + " " + r.name()),
                (b, g) -> assertNotEquals(b.inputs(), g.inputs(), b.name() + " must route to the other colour"));
    }

    @Test
    @DisplayName("Redis is not reachable from the internet: private subnets, ingress only from the service's group, TLS")
    void redisIsPrivate() {
        StackRun run = run(spec(Color.BLUE));
        MockedResource redisGroup = run.resource(SECURITY_GROUP, "consoul-redis");
        MockedResource serviceGroup = run.resource(SECURITY_GROUP, "consoul-service");
        List<?> ingress = (List<?>) redisGroup.input("ingress").orElseThrow();
        assertEquals(1, ingress.size());
        assertEquals(List.of(serviceGroup.state().get("id")), ((Map<?, ?>) ingress.get(0)).get("securityGroups"));
        assertFalse(((Map<?, ?>) ingress.get(0)).containsKey("cidrBlocks"), "no CIDR may reach Redis");
        List<?> redisSubnets = (List<?>) run.resource("aws:elasticache/subnetGroup:SubnetGroup", "consoul-redis")
                .input("subnetIds").orElseThrow();
        assertEquals(privateSubnetIds(run), redisSubnets);
        MockedResource redis = run.resource("aws:elasticache/replicationGroup:ReplicationGroup", "consoul-redis");
        assertEquals(true, redis.input("transitEncryptionEnabled").orElseThrow());
    }

    @Test
    @DisplayName("the service is reachable only through the load balancer: private subnets, no public IP, app port from the ALB only")
    void serviceOnlyThroughLoadBalancer() {
        StackRun run = run(spec(Color.BLUE));
        Object albGroup = run.resource(SECURITY_GROUP, "consoul-alb").state().get("id");
        List<?> ingress = (List<?>) run.resource(SECURITY_GROUP, "consoul-service").input("ingress").orElseThrow();
        assertEquals(1, ingress.size());
        Map<?, ?> rule = (Map<?, ?>) ingress.get(0);
        assertEquals(List.of(albGroup), rule.get("securityGroups"));
        assertEquals(8000, rule.get("fromPort"));
        assertEquals(8000, rule.get("toPort"));
        for (Color color : Color.values()) {
            MockedResource service = run.resource("aws:ecs/service:Service", "consoul-" + color.key());
            assertEquals(false, service.input("networkConfiguration.assignPublicIp").orElseThrow());
            assertEquals(privateSubnetIds(run), service.input("networkConfiguration.subnets").orElseThrow());
        }
        // The metrics port is published to no one.
        run.resourcesOfType(SECURITY_GROUP).forEach(group -> ((List<?>) group.input("ingress").orElse(List.of()))
                .forEach(r -> assertNotEquals(9090, ((Map<?, ?>) r).get("toPort"), group.name())));
    }

    @Test
    @DisplayName("secrets are Pulumi secrets and reach tasks only as Secrets Manager references, never plain environment")
    void secretsArePulumiSecrets() {
        StackRun run = run(spec(Color.BLUE));
        assertTrue(run.resource("aws:secretsmanager/secretVersion:SecretVersion", "consoul-app")
                .secretInputs().contains("secretString"), "the secret payload is a Pulumi secret");
        assertTrue(run.resource("aws:elasticache/replicationGroup:ReplicationGroup", "consoul-redis")
                .secretInputs().contains("authToken"), "the Redis auth token is a Pulumi secret");
        for (Color color : Color.values()) {
            String definitions = (String) run.resource("aws:ecs/taskDefinition:TaskDefinition", "consoul-" + color.key())
                    .input("containerDefinitions").orElseThrow();
            assertFalse(definitions.contains(SpecFixtures.API_KEYS), "API keys in a task definition");
            assertFalse(definitions.contains(SpecFixtures.REDIS_PASSWORD), "Redis password in a task definition");
            for (String env : List.of("CONSOUL_API_KEYS", "OPENAI_API_KEY", "CONSOUL_SESSION_REDIS_URL", "CONSOUL_RATE_LIMIT_REDIS_URL")) {
                assertTrue(definitions.contains("{\"name\":\"" + env + "\",\"valueFrom\":\"arn:aws:secretsmanager:"),
                        env + " must be a container secret: " + definitions);
            }
        }
        assertTrue(SecretJson.of(run).contains("/1\""), "sessions on Redis db 1");
        assertTrue(SecretJson.of(run).contains("rediss://"), "Redis over TLS");
    }

    @Test
    @DisplayName("the guide's numbers reach the resources: health check, deregistration, rollout, autoscaling, size")
    void guideNumbersReachResources() {
        StackRun run = run(spec(Color.BLUE));
        MockedResource tg = run.resource(TARGET_GROUP, "consoul-blue");
        assertEquals("/health", tg.input("healthCheck.path").orElseThrow());
        assertEquals("8000", tg.input("healthCheck.port").orElseThrow());
        assertEquals(2, tg.input("healthCheck.healthyThreshold").orElseThrow());
        assertEquals(3, tg.input("healthCheck.unhealthyThreshold").orElseThrow());
        assertEquals(30, tg.input("healthCheck.interval").orElseThrow());
        assertEquals(10, tg.input("healthCheck.timeout").orElseThrow());
        assertEquals(75, tg.input("deregistrationDelay").orElseThrow(), "pre-stop 10 + shutdown delay 5 + drain 60");

        MockedResource service = run.resource("aws:ecs/service:Service", "consoul-blue");
        assertEquals(200, service.input("deploymentMaximumPercent").orElseThrow());
        assertEquals(100, service.input("deploymentMinimumHealthyPercent").orElseThrow());
        assertEquals(true, service.input("deploymentCircuitBreaker.enable").orElseThrow());
        assertEquals(true, service.input("deploymentCircuitBreaker.rollback").orElseThrow());
        assertEquals(60, service.input("healthCheckGracePeriodSeconds").orElseThrow());

        MockedResource target = run.resource("aws:appautoscaling/target:Target", "consoul-blue");
        assertEquals(2, target.input("minCapacity").orElseThrow());
        assertEquals(10, target.input("maxCapacity").orElseThrow());
        MockedResource cpu = run.resource("aws:appautoscaling/policy:Policy", "consoul-blue-cpu");
        assertEquals(70.0, ((Number) cpu.input("targetTrackingScalingPolicyConfiguration.targetValue").orElseThrow()).doubleValue());
        assertEquals(300, cpu.input("targetTrackingScalingPolicyConfiguration.scaleInCooldown").orElseThrow());
        assertEquals(60, cpu.input("targetTrackingScalingPolicyConfiguration.scaleOutCooldown").orElseThrow());
        assertEquals(List.of("consoul-blue-cpu", "consoul-green-cpu"),
                run.resourcesOfType("aws:appautoscaling/policy:Policy").stream().map(MockedResource::name).sorted().toList(),
                "CPU only: a memory policy on a JVM never agrees to scale in, and ECS scales in only when all agree");

        MockedResource task = run.resource("aws:ecs/taskDefinition:TaskDefinition", "consoul-blue");
        assertEquals("2048", task.input("cpu").orElseThrow());
        assertEquals("4096", task.input("memory").orElseThrow());
        assertTrue(((String) task.input("containerDefinitions").orElseThrow()).contains("\"stopTimeout\":65"),
                "shutdown delay 5 + drain 60, after ECS has waited out the deregistration delay");
        assertEquals(30, run.resource("aws:cloudwatch/logGroup:LogGroup", "consoul").input("retentionInDays").orElseThrow());
    }

    @Test
    @DisplayName("with a certificate the production listener is HTTPS and plain HTTP redirects to it")
    void httpsWithRedirect() {
        String cert = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
        StackRun run = run(SpecFixtures.spec(Cloud.AWS, DeployEnvironment.PRODUCTION).certificateArn(cert).build());
        MockedResource production = run.resource(LISTENER, "consoul-production");
        assertEquals("HTTPS", production.input("protocol").orElseThrow());
        assertEquals(cert, production.input("certificateArn").orElseThrow());
        MockedResource redirect = run.resource(LISTENER, "consoul-redirect");
        assertEquals("redirect", redirect.input("defaultActions.0.type").orElseThrow());
        assertEquals("HTTPS", redirect.input("defaultActions.0.redirect.protocol").orElseThrow());
        assertTrue(String.valueOf(run.outputs().get(StackOutputs.URL)).startsWith("https://"));
        MockedResource redis = run.resource("aws:elasticache/replicationGroup:ReplicationGroup", "consoul-redis");
        assertEquals(true, redis.input("automaticFailoverEnabled").orElseThrow(), "production Redis fails over");
        assertEquals(true, redis.input("multiAzEnabled").orElseThrow());
        assertEquals(true, run.resource("aws:lb/loadBalancer:LoadBalancer", "consoul")
                .input("enableDeletionProtection").orElseThrow());
    }

    @Test
    @DisplayName("an existing VPC is used as configured and no network is created")
    void existingVpc() {
        var network = new Network(Optional.of("vpc-123"), List.of("subnet-pa", "subnet-pb"), List.of("subnet-qa", "subnet-qb"));
        StackRun run = run(SpecFixtures.spec(Cloud.AWS, DeployEnvironment.DEV).network(network).build());
        assertTrue(run.resourcesOfType("aws:ec2/vpc:Vpc").isEmpty());
        assertEquals(List.of("subnet-qa", "subnet-qb"),
                run.resource("aws:ecs/service:Service", "consoul-blue").input("networkConfiguration.subnets").orElseThrow());
    }

    @Test
    @DisplayName("with a domain: an ACM certificate for it and preview.<domain>, validated by records in the zone, and https URLs on it")
    void httpsOnTheDomain() {
        StackRun run = run(SpecFixtures.spec(Cloud.AWS, DeployEnvironment.PRODUCTION)
                .domain("api.example.com").dnsZone("example.com").build());
        MockedResource certificate = run.resource("aws:acm/certificate:Certificate", "consoul");
        assertEquals("api.example.com", certificate.input("domainName").orElseThrow());
        assertEquals(List.of("preview.api.example.com"), certificate.input("subjectAlternativeNames").orElseThrow());
        assertEquals("DNS", certificate.input("validationMethod").orElseThrow());
        List<MockedResource> records = run.resourcesOfType("aws:route53/record:Record");
        List<Object> validation = records.stream().filter(r -> r.name().contains("-validation-"))
                .sorted(java.util.Comparator.comparing(MockedResource::name))
                .map(r -> r.input("name").orElseThrow()).toList();
        assertEquals(List.of("_0123abcd.api.example.com.", "_0123abcd.preview.api.example.com."), validation,
                "one validation record per name, as ACM asked");
        MockedResource validated = run.resource("aws:acm/certificateValidation:CertificateValidation", "consoul");
        assertEquals(validation, validated.input("validationRecordFqdns").orElseThrow());
        assertEquals(validated.input("certificateArn").orElseThrow(),
                run.resource(LISTENER, "consoul-production").input("certificateArn").orElseThrow(),
                "the listener takes the certificate once it is validated");
        assertEquals("HTTPS", run.resource(LISTENER, "consoul-preview").input("protocol").orElseThrow());
        MockedResource alias = run.resource("aws:route53/record:Record", "consoul-alias-0");
        assertEquals("api.example.com", alias.input("name").orElseThrow());
        assertEquals(run.resource("aws:lb/loadBalancer:LoadBalancer", "consoul").state().get("dnsName"),
                alias.input("aliases.0.name").orElseThrow());
        assertEquals(alias.input("zoneId").orElseThrow(), validated.input("certificateArn").isPresent()
                ? records.get(0).input("zoneId").orElseThrow() : null, "all records in the one zone");
        assertEquals("https://api.example.com", run.outputs().get(StackOutputs.URL));
        assertEquals("https://preview.api.example.com:8443", run.outputs().get(StackOutputs.PREVIEW_URL),
                "the preview on a name the certificate covers, not the ALB's DNS name");
    }

    @Test
    @DisplayName("greenMinReplicas raises green's autoscaling floor and starting count only")
    void colourMinimumAppliesToThatColour() {
        StackRun run = run(SpecFixtures.spec(Cloud.AWS, DeployEnvironment.STAGING).minReplicas(Color.GREEN, 6).build());
        assertEquals(6, run.resource("aws:appautoscaling/target:Target", "consoul-green").input("minCapacity").orElseThrow());
        assertEquals(2, run.resource("aws:appautoscaling/target:Target", "consoul-blue").input("minCapacity").orElseThrow());
        assertEquals(6, run.resource("aws:ecs/service:Service", "consoul-green").input("desiredCount").orElseThrow());
    }

    @Test
    @DisplayName("a rotated secret redeploys both colours: the service's trigger is the secret's version id, never its value")
    void rotatedSecretRedeploys() {
        StackRun before = run(spec(Color.BLUE));
        StackRun after = run(SpecFixtures.spec(Cloud.AWS, DeployEnvironment.STAGING)
                .secret(io.consoul.infra.spec.AppSecret.API_KEYS, "rotated-key").build());
        for (Color color : Color.values()) {
            MockedResource b = before.resource("aws:ecs/service:Service", "consoul-" + color.key());
            MockedResource a = after.resource("aws:ecs/service:Service", "consoul-" + color.key());
            assertEquals(true, a.input("forceNewDeployment").orElseThrow());
            assertNotEquals(b.input("triggers.secretVersion").orElseThrow(), a.input("triggers.secretVersion").orElseThrow(),
                    color + " keeps running the old secret");
            assertFalse(a.inputs().toString().contains("rotated-key"), "the value itself in the service");
        }
    }

    @Test
    @DisplayName("the stack exports exactly the shared output names, all resolved")
    void exportsSharedOutputNames() {
        StackRun run = run(spec(Color.BLUE));
        assertEquals(Set.copyOf(StackOutputs.NAMES), run.outputs().keySet());
        run.outputs().forEach((name, value) -> assertTrue(value != null && !value.toString().isBlank(), name));
    }


    private static List<Object> privateSubnetIds(StackRun run) {
        return List.of(run.resource("aws:ec2/subnet:Subnet", "consoul-private-0").state().get("id"),
                run.resource("aws:ec2/subnet:Subnet", "consoul-private-1").state().get("id"));
    }

    /** The Secrets Manager payload, to check the Redis wiring inside it. */
    private static final class SecretJson {
        static String of(StackRun run) {
            return MockStack.resolve(run.pulumiResources(SecretVersion.class).get(0).secretString()).orElseThrow();
        }
    }
}
