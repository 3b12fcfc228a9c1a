package io.consoul.infra.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.fixtures.LibraryRules;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.mock.ConsoulMocks;
import io.consoul.infra.spec.mock.MockStack;
import io.consoul.infra.spec.mock.MockedResource;
import io.consoul.infra.spec.mock.StackRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ConsoulService} used as a library: (name, args, options), inside a team's own program. */
@Timeout(120)
class ConsoulServiceLibraryTest {
    static final DeploymentSpec SPEC = SpecFixtures.spec(Cloud.AWS, DeployEnvironment.PRODUCTION).build();
    static final String VPC = "vpc-0team";
    static final List<String> PUBLIC = List.of("subnet-pub-a", "subnet-pub-b");
    static final List<String> PRIVATE = List.of("subnet-priv-a", "subnet-priv-b");

    static ConsoulServiceArgs intoTeamVpc() {
        return ConsoulServiceArgs.builder().spec(SPEC)
                .existingVpc(Output.of(VPC), PUBLIC.stream().map(Output::of).toList(), PRIVATE.stream().map(Output::of).toList())
                .build();
    }

    @Test
    @DisplayName("into an existing VPC: no VPC, subnet, NAT or route table declared; the ALB in its public subnets, tasks and Redis in its private ones")
    void existingVpcIsUsed() {
        StackRun run = MockStack.run("team-prod", ctx -> new ConsoulService("consoul", intoTeamVpc(), null)).requireSuccess();
        for (String created : List.of("aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/natGateway:NatGateway",
                "aws:ec2/routeTable:RouteTable", "aws:ec2/internetGateway:InternetGateway")) {
            assertEquals(List.of(), run.resourcesOfType(created), created + " must come from the team, not be created");
        }
        assertEquals(PUBLIC, run.resource("aws:lb/loadBalancer:LoadBalancer", "consoul").input("subnets").orElseThrow());
        for (MockedResource service : run.resourcesOfType("aws:ecs/service:Service")) {
            assertEquals(PRIVATE, service.input("networkConfiguration.subnets").orElseThrow(), service.name());
        }
        run.resourcesOfType("aws:ec2/securityGroup:SecurityGroup")
                .forEach(group -> assertEquals(VPC, group.input("vpcId").orElseThrow(), group.name()));
    }

    @Test
    @DisplayName("an explicit provider in options reaches every child and every provider function the component calls")
    void explicitProviderReachesChildren() {
        ConsoulMocks mocks = ConsoulMocks.create();
        StackRun run = MockStack.run("team-prod", mocks, ctx -> {
            var euWest1 = new Provider("eu-west-1", ProviderArgs.builder().region("eu-west-1").build());
            new ConsoulService("consoul", ConsoulServiceArgs.builder().spec(SPEC).build(),
                    ComponentResourceOptions.builder().provider(euWest1).build());
        }).requireSuccess();
        LibraryRules.assertChildrenUseProvider(mocks, run, "aws:", "eu-west-1");
        for (String function : List.of("aws:index/getAvailabilityZones:getAvailabilityZones", "aws:index/getRegion:getRegion")) {
            assertTrue(mocks.callProvider(function).orElse("").contains("pulumi:providers:aws::eu-west-1"),
                    function + " must ask the component's region, not the default one");
        }
    }

    @Test
    @DisplayName("every child is parented to the component (its URN carries the component's type)")
    void childrenAreParented() {
        StackRun run = MockStack.run("team-prod", ctx -> new ConsoulService("consoul", intoTeamVpc(), null)).requireSuccess();
        LibraryRules.assertParentedTo(run, "aws:", ConsoulService.TYPE);
    }

    @Test
    @DisplayName("a team's cluster, zone and certificate are used, not created or looked up; typed outputs resolve")
    void bringYourOwnClusterZoneCertificate() {
        ConsoulMocks mocks = ConsoulMocks.builder().function("aws:route53/getZone:getZone", args -> {
            throw new IllegalStateException("the zone was given by id: no lookup by name");
        }).build();
        String cluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/team-cluster";
        String certificate = "arn:aws:acm:eu-west-1:123456789012:certificate/team";
        DeploymentSpec spec = SpecFixtures.spec(Cloud.AWS, DeployEnvironment.PRODUCTION)
                .domain("api.example.com").dnsZone("example.com").build();
        StackRun run = MockStack.run("team-prod", mocks, ctx -> {
            var consoul = new ConsoulService("consoul", ConsoulServiceArgs.builder().spec(spec)
                    .clusterArn(Output.of(cluster)).hostedZoneId(Output.of("ZTEAM")).certificateArn(Output.of(certificate))
                    .build(), ComponentResourceOptions.Empty);
            ctx.export("url", consoul.url());
            ctx.export("activeColor", consoul.activeColor());
        }).requireSuccess();
        assertEquals(List.of(), run.resourcesOfType("aws:ecs/cluster:Cluster"));
        assertEquals(List.of(), run.resourcesOfType("aws:acm/certificate:Certificate"));
        run.resourcesOfType("aws:ecs/service:Service")
                .forEach(s -> assertEquals(cluster, s.input("cluster").orElseThrow()));
        assertTrue(run.resourcesOfType("aws:appautoscaling/target:Target").stream()
                .allMatch(t -> String.valueOf(t.input("resourceId").orElseThrow()).startsWith("service/team-cluster/")));
        run.resourcesOfType("aws:route53/record:Record").forEach(r -> assertEquals("ZTEAM", r.input("zoneId").orElseThrow()));
        assertEquals(certificate, run.resource("aws:lb/listener:Listener", "consoul-production").input("certificateArn").orElseThrow());
        assertEquals("https://api.example.com", run.outputs().get("url"));
        assertEquals("blue", run.outputs().get("activeColor"));
    }

    @Test
    @DisplayName("a spec that names a VPC and certificate (the stack config's keys) gives the same args as the builder calls")
    void specNetworkAndCertificateCarryIntoArgs() {
        DeploymentSpec spec = SpecFixtures.spec(Cloud.AWS, DeployEnvironment.PRODUCTION)
                .network(new io.consoul.infra.spec.Network(java.util.Optional.of(VPC), PUBLIC, PRIVATE))
                .certificateArn("arn:aws:acm:us-east-1:123456789012:certificate/spec").build();
        StackRun run = MockStack.run("team-prod", ctx -> new ConsoulService("consoul",
                ConsoulServiceArgs.builder().spec(spec).build(), null)).requireSuccess();
        assertEquals(List.of(), run.resourcesOfType("aws:ec2/vpc:Vpc"));
        assertEquals(PUBLIC, run.resource("aws:lb/loadBalancer:LoadBalancer", "consoul").input("subnets").orElseThrow());
        assertEquals("arn:aws:acm:us-east-1:123456789012:certificate/spec",
                run.resource("aws:lb/listener:Listener", "consoul-production").input("certificateArn").orElseThrow());
    }

    @Test
    @DisplayName("args refuse subnets without their VPC, and a VPC with fewer than two subnets of a kind")
    void argsRefuseIncompleteNetworks() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConsoulServiceArgs.builder().spec(SPEC)
                .existingVpc(Output.of(VPC), List.of(Output.of("subnet-a")), List.of()).build());
        assertTrue(e.getMessage().contains("at least 2 subnets each"), e.getMessage());
    }
}
