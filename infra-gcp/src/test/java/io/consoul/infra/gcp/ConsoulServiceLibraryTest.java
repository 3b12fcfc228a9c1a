package io.consoul.infra.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.Provider;
import com.pulumi.gcp.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.fixtures.LibraryRules;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.mock.ConsoulMocks;
import io.consoul.infra.spec.mock.MockStack;
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
    static final DeploymentSpec SPEC = SpecFixtures.spec(Cloud.GCP, DeployEnvironment.PRODUCTION).build();
    static final String NETWORK = "projects/team/global/networks/shared";
    static final String SUBNET = "projects/team/regions/europe-west1/subnetworks/run";

    @Test
    @DisplayName("into an existing network: none created; Memorystore peers with it and Cloud Run egresses through its subnet")
    void existingNetworkIsUsed() {
        StackRun run = MockStack.run("team-prod", ctx -> new ConsoulService("consoul", ConsoulServiceArgs.builder()
                .spec(SPEC).region("europe-west1").existingNetwork(Output.of(NETWORK), Output.of(SUBNET)).build(), null))
                .requireSuccess();
        assertEquals(List.of(), run.resourcesOfType("gcp:compute/network:Network"));
        assertEquals(List.of(), run.resourcesOfType("gcp:compute/subnetwork:Subnetwork"));
        assertEquals(NETWORK, run.resource("gcp:redis/instance:Instance", "consoul").input("authorizedNetwork").orElseThrow());
        assertEquals("europe-west1", run.resource("gcp:redis/instance:Instance", "consoul").input("region").orElseThrow());
        var service = run.resource("gcp:cloudrunv2/service:Service", "consoul");
        assertEquals("europe-west1", service.input("location").orElseThrow());
        assertEquals(SUBNET, service.input("template.vpcAccess.networkInterfaces.0.subnetwork").orElseThrow());
    }

    @Test
    @DisplayName("an explicit provider (another project) reaches every child; every child is parented to the component")
    void explicitProviderAndParenting() {
        ConsoulMocks mocks = ConsoulMocks.create();
        DeploymentSpec spec = SpecFixtures.spec(Cloud.GCP, DeployEnvironment.PRODUCTION)
                .domain("api.example.com").dnsZone("example.com").build();
        StackRun run = MockStack.run("team-prod", mocks, ctx -> {
            var other = new Provider("team-project", ProviderArgs.builder().project("team-project").build());
            var consoul = new ConsoulService("consoul", ConsoulServiceArgs.builder().spec(spec).build(),
                    ComponentResourceOptions.builder().provider(other).build());
            ctx.export("url", consoul.url());
        }).requireSuccess();
        LibraryRules.assertChildrenUseProvider(mocks, run, "gcp:", "team-project");
        LibraryRules.assertParentedTo(run, "gcp:", ConsoulService.TYPE);
        assertTrue(mocks.callProvider("gcp:organizations/getProject:getProject").orElse("").contains("::team-project::"),
                "the domain mapping's project comes from the component's provider");
        assertEquals("https://api.example.com", run.outputs().get("url"));
    }

    @Test
    @DisplayName("args refuse a network without its subnet")
    void networkNeedsSubnet() {
        var b = ConsoulServiceArgs.builder().spec(SPEC).existingNetwork(Output.of(NETWORK), null);
        assertTrue(assertThrows(IllegalArgumentException.class, b::build).getMessage().contains("set both"));
    }
}
