package io.consoul.examples;

import io.consoul.infra.spec.mock.ConsoulMocks;
import io.consoul.infra.spec.mock.MockStack;
import io.consoul.infra.spec.mock.MockedResource;
import io.consoul.infra.spec.mock.StackRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example program under Pulumi's mocks (the mocks ship in the library's spec module). */
@Timeout(120)
class ExistingVpcTest {
    static final ExistingVpc.Settings SETTINGS = new ExistingVpc.Settings("eu-west-1", "vpc-0team",
            List.of("subnet-pub-a", "subnet-pub-b"), List.of("subnet-priv-a", "subnet-priv-b"),
            "ghcr.io/consoul/consoul:0.1.0", "key-one", "0123456789abcdef0123456789abcdef");

    @Test
    @DisplayName("Consoul goes into the team's VPC (no network of its own), every resource through the eu-west-1 provider")
    void declaresIntoExistingVpcThroughTheRegionProvider() {
        ConsoulMocks mocks = ConsoulMocks.create();
        StackRun run = MockStack.run("dev", mocks, ctx -> ExistingVpc.declare(ctx, SETTINGS)).requireSuccess();

        MockedResource provider = run.resource("pulumi:providers:aws", "consoul-region");
        assertEquals("eu-west-1", provider.input("region").orElseThrow());
        assertEquals(List.of(), run.resourcesOfType("aws:ec2/vpc:Vpc"));
        assertEquals(List.of(), run.resourcesOfType("aws:ec2/subnet:Subnet"));
        assertEquals(SETTINGS.publicSubnetIds(),
                run.resource("aws:lb/loadBalancer:LoadBalancer", "consoul").input("subnets").orElseThrow());
        List<MockedResource> aws = run.resources().stream().filter(r -> r.type().startsWith("aws:")).toList();
        assertTrue(!aws.isEmpty());
        aws.forEach(r -> assertTrue(mocks.provider(r.type(), r.name()).orElse("").contains("::consoul-region::"),
                r.type() + " " + r.name() + " must use the program's eu-west-1 provider"));
        assertEquals("blue", run.outputs().get("activeColor"));
        assertTrue(String.valueOf(run.outputs().get("url")).startsWith("http://"), "no domain: the ALB's address");
    }
}
