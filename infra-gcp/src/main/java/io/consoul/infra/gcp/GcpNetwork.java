package io.consoul.infra.gcp;

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
record GcpNetwork(Network network, Subnetwork subnet) {
    /** A /24 gives Direct VPC egress room for the guide's 10 instances per revision, several revisions at once. */
    static final String SUBNET_RANGE = "10.8.0.0/24";

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
        return new GcpNetwork(network, subnet);
    }
}
