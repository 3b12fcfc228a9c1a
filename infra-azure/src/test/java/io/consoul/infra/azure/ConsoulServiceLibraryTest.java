package io.consoul.infra.azure;

import com.pulumi.azurenative.Provider;
import com.pulumi.azurenative.ProviderArgs;
import com.pulumi.core.Output;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ConsoulService} used as a library: (name, args, options), inside a team's own program. */
@Timeout(120)
class ConsoulServiceLibraryTest {
    static final DeploymentSpec SPEC = SpecFixtures.spec(Cloud.AZURE, DeployEnvironment.PRODUCTION).build();
    static final String ENVIRONMENT = "/subscriptions/s/resourceGroups/team/providers/Microsoft.App/managedEnvironments/shared";
    static final String VNET = "/subscriptions/s/resourceGroups/team/providers/Microsoft.Network/virtualNetworks/team";
    static final String ENDPOINTS = VNET + "/subnets/endpoints";

    @Test
    @DisplayName("into a team's resource group, VNet and environment: none of them created; the app runs in that environment")
    void existingGroupVnetAndEnvironmentAreUsed() {
        ConsoulMocks mocks = ConsoulMocks.builder().function("azure-native:resources:getResourceGroup", args -> Map.of(
                "id", "/subscriptions/s/resourceGroups/" + args.get("resourceGroupName"), "location", "westeurope",
                "name", String.valueOf(args.get("resourceGroupName")), "properties", Map.of("provisioningState", "Succeeded"),
                "tags", Map.of(), "type", "Microsoft.Resources/resourceGroups")).build();
        StackRun run = MockStack.run("team-prod", mocks, ctx -> new ConsoulService("consoul", ConsoulServiceArgs.builder()
                .spec(SPEC).resourceGroupName(Output.of("team")).environmentId(Output.of(ENVIRONMENT))
                .existingVnet(Output.of(VNET), Output.of(VNET + "/subnets/apps"), Output.of(ENDPOINTS)).build(), null))
                .requireSuccess();
        for (String created : List.of("azure-native:resources:ResourceGroup", "azure-native:network:VirtualNetwork",
                "azure-native:network:Subnet", "azure-native:operationalinsights:Workspace")) {
            assertEquals(List.of(), run.resourcesOfType(created), created + " must come from the team");
        }
        assertTrue(run.resourcesOfType("azure-native:app:ManagedEnvironment").isEmpty()
                || run.resource("azure-native:app:ManagedEnvironment", "consoul").inputs().isEmpty(),
                "the environment is read, never declared with inputs");
        var app = run.resource(AzureStackTest.APP, "consoul");
        assertEquals("team", app.input("resourceGroupName").orElseThrow());
        assertEquals(ENVIRONMENT, app.input("managedEnvironmentId").orElseThrow());
        assertEquals(ENDPOINTS, run.resource("azure-native:network:PrivateEndpoint", "consoul-redis").input("subnet.id").orElseThrow());
        assertEquals(VNET, run.resource("azure-native:network:VirtualNetworkLink", "consoul-redis")
                .input("virtualNetwork.id").orElseThrow());
        assertEquals("/subscriptions/s/resourceGroups/team",
                run.resource("azure-native:authorization:RoleAssignment", "consoul-revisions").input("scope").orElseThrow(),
                "the scripts' grant reaches the team's group only");
    }

    @Test
    @DisplayName("an explicit provider (another subscription) reaches every child and function; every child is parented to the component")
    void explicitProviderAndParenting() {
        ConsoulMocks mocks = ConsoulMocks.create();
        StackRun run = MockStack.run("team-prod", mocks, ctx -> {
            var other = new Provider("team-subscription", ProviderArgs.builder().subscriptionId("team-subscription").build());
            var consoul = new ConsoulService("consoul", ConsoulServiceArgs.builder().spec(SPEC).build(),
                    ComponentResourceOptions.builder().provider(other).build());
            ctx.export("url", consoul.url());
        }).requireSuccess();
        LibraryRules.assertChildrenUseProvider(mocks, run, "azure-native:", "team-subscription");
        LibraryRules.assertParentedTo(run, "azure-native:", ConsoulService.TYPE);
        for (String function : List.of("azure-native:authorization:getClientConfig", "azure-native:cache:listRedisKeys",
                "azure-native:operationalinsights:getSharedKeys")) {
            assertTrue(mocks.callProvider(function).orElse("").contains("::team-subscription::"), function);
        }
    }

    @Test
    @DisplayName("args refuse a VNet without both its subnets")
    void vnetNeedsItsSubnets() {
        var b = ConsoulServiceArgs.builder().spec(SPEC).existingVnet(Output.of(VNET), Output.of(VNET + "/subnets/apps"), null);
        assertTrue(assertThrows(IllegalArgumentException.class, b::build).getMessage().contains("set all three"));
    }
}
