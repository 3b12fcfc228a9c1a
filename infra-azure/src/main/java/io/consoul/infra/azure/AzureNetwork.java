package io.consoul.infra.azure;

import com.pulumi.azurenative.network.Subnet;
import com.pulumi.azurenative.network.SubnetArgs;
import com.pulumi.azurenative.network.VirtualNetwork;
import com.pulumi.azurenative.network.VirtualNetworkArgs;
import com.pulumi.azurenative.network.inputs.AddressSpaceArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;

/**
 * A VNet with a subnet for the Container Apps environment and one for private endpoints, so Redis has a private
 * address the apps reach and nothing else does.
 */
record AzureNetwork(Output<String> vnetId, Output<String> appsSubnetId, Output<String> endpointsSubnetId) {
    static final String ADDRESS_SPACE = "10.20.0.0/16";
    /** A consumption-only Container Apps environment needs at least a /23. */
    static final String APPS_SUBNET = "10.20.0.0/23";
    static final String ENDPOINTS_SUBNET = "10.20.2.0/24";

    /** The VNet and subnets the args name, or new ones. */
    static AzureNetwork of(String name, ConsoulServiceArgs args, AzureGroup group, CustomResourceOptions opts) {
        if (args.vnetId().isPresent()) {
            return new AzureNetwork(args.vnetId().get(), args.appsSubnetId().orElseThrow(),
                    args.endpointsSubnetId().orElseThrow());
        }
        return create(name, group, opts);
    }

    static AzureNetwork create(String name, AzureGroup group, CustomResourceOptions opts) {
        var vnet = new VirtualNetwork(name, VirtualNetworkArgs.builder()
                .resourceGroupName(group.name())
                .addressSpace(AddressSpaceArgs.builder().addressPrefixes(ADDRESS_SPACE).build())
                .build(),
                // Subnets are their own resources below; without this an update of the VNet would remove them.
                CustomResourceOptions.merge(opts, CustomResourceOptions.builder().ignoreChanges("subnets").build()));
        var apps = subnet(name + "-apps", group, vnet, APPS_SUBNET, opts);
        var endpoints = subnet(name + "-endpoints", group, vnet, ENDPOINTS_SUBNET,
                CustomResourceOptions.merge(opts, CustomResourceOptions.builder().dependsOn(apps).build()));
        return new AzureNetwork(vnet.id(), apps.id(), endpoints.id());
    }

    private static Subnet subnet(String name, AzureGroup group, VirtualNetwork vnet, String prefix,
                                 CustomResourceOptions opts) {
        return new Subnet(name, SubnetArgs.builder()
                .resourceGroupName(group.name())
                .virtualNetworkName(vnet.name())
                .addressPrefixes(List.of(prefix))
                .build(), opts);
    }
}
