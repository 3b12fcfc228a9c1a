package io.consoul.infra.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Network;
import com.pulumi.gcp.compute.NetworkArgs;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.compute.SubnetworkArgs;
import com.pulumi.resources.CustomResourceOptions;

/**
 * A VPC of the stack's own with one subnet. Cloud Run instances join the subnet directly (Direct VPC egress), so
 * they reach Memorystore's private address without a Serverless VPC Access connector: no connector VMs to pay for
 * and size, and egress throughput grows with the instances.
 */
record GcpNetwork(Output<String> networkId, Output<String> subnetId) {
    /** A /24 gives Direct VPC egress room for the guide's 10 instances per revision, several revisions at once. */
    static final String SUBNET_RANGE = "10.8.0.0/24";

    /** The network and subnet the args name, or new ones. */
    static GcpNetwork of(String name, ConsoulServiceArgs args, CustomResourceOptions opts) {
        if (args.network().isPresent()) {
            return new GcpNetwork(args.network().get(), args.subnetwork().orElseThrow());
        }
        return create(name, args.region(), opts);
    }

    static GcpNetwork create(String name, String region, CustomResourceOptions opts) {
        var network = new Network(name, NetworkArgs.builder()
                .autoCreateSubnetworks(false)
                .description("Consoul: Cloud Run egress and Memorystore, private only")
                .build(), opts);
        var subnet = new Subnetwork(name, SubnetworkArgs.builder()
                .network(network.id())
                .region(region)
                .ipCidrRange(SUBNET_RANGE)
                .privateIpGoogleAccess(true)
                .build(), opts);
        return new GcpNetwork(network.id(), subnet.id());
    }
}
