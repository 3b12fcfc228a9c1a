package io.consoul.infra.spec;

import java.util.List;
import java.util.Optional;

/**
 * Where the service runs. Empty: the stack creates its own network (on AWS a VPC with public and private subnets in
 * two zones). Set: an existing VPC and its subnets, at least two of each kind.
 *
 * @param vpcId            existing VPC id, or empty to create one
 * @param publicSubnetIds  subnets for the load balancer
 * @param privateSubnetIds subnets for the service and Redis
 */
public record Network(Optional<String> vpcId, List<String> publicSubnetIds, List<String> privateSubnetIds) {

    /** Two availability zones: one zone's failure leaves the service up. */
    public static final int ZONES = 2;

    public static final Network CREATE = new Network(Optional.empty(), List.of(), List.of());

    public Network {
        publicSubnetIds = List.copyOf(publicSubnetIds);
        privateSubnetIds = List.copyOf(privateSubnetIds);
    }

    public boolean existing() {
        return vpcId.isPresent();
    }
}
