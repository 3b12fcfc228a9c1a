package io.consoul.infra.aws;

import com.pulumi.core.Output;
import io.consoul.infra.spec.ComponentArgsBuilder;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.List;
import java.util.Optional;

/**
 * What a Consoul deployment on ECS Fargate is made of: the cloud-neutral {@link DeploymentSpec} (sizes, replicas,
 * images, colours, Redis, secrets — every default is the scaling guide's, documented there) plus what a team may
 * already have. Each "bring your own" field left empty means the component creates that part itself.
 *
 * @param spec             the deployment; required. Build it with {@link DeploymentSpec#builder()}
 * @param vpcId            an existing VPC; default: the spec's {@code network} when it names one, else a new VPC with a
 *                         public and a private subnet in two zones and NAT
 * @param publicSubnetIds  the VPC's public subnets, for the load balancer; required with {@code vpcId}, at least two
 * @param privateSubnetIds the VPC's private subnets, for the tasks and Redis; required with {@code vpcId}, at least two
 * @param clusterArn       an existing ECS cluster; default: a new cluster with Container Insights
 * @param hostedZoneId     the Route 53 hosted zone for the domain's records; default: looked up by the spec's
 *                         {@code dnsZone} (public zones only)
 * @param certificateArn   an ACM certificate for HTTPS; default: the spec's {@code certificateArn}, else one the
 *                         component requests and validates for the spec's {@code domain}, else plain HTTP
 */
public record ConsoulServiceArgs(DeploymentSpec spec, Optional<Output<String>> vpcId, List<Output<String>> publicSubnetIds,
                                 List<Output<String>> privateSubnetIds, Optional<Output<String>> clusterArn,
                                 Optional<Output<String>> hostedZoneId, Optional<Output<String>> certificateArn) {

    public ConsoulServiceArgs {
        ComponentArgsBuilder.requireSpec(spec);
        publicSubnetIds = List.copyOf(publicSubnetIds);
        privateSubnetIds = List.copyOf(privateSubnetIds);
        if (vpcId.isPresent() && (publicSubnetIds.size() < 2 || privateSubnetIds.size() < 2)) {
            throw new IllegalArgumentException("vpcId needs publicSubnetIds and privateSubnetIds with at least 2 subnets"
                    + " each (one per zone); got " + publicSubnetIds.size() + " public and " + privateSubnetIds.size()
                    + " private");
        }
        if (vpcId.isEmpty() && (!publicSubnetIds.isEmpty() || !privateSubnetIds.isEmpty())) {
            throw new IllegalArgumentException("publicSubnetIds / privateSubnetIds are set without vpcId: set the VPC"
                    + " they belong to, or remove them to create a new VPC");
        }
    }

    /** HTTPS: with a certificate given, or one the component obtains for the spec's domain. */
    public boolean https() {
        return certificateArn.isPresent() || spec.platform().domain().isPresent();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The stack-config path: the spec read from {@code consoul:} config, its network and certificate as given there. */
    public static ConsoulServiceArgs fromSpec(DeploymentSpec spec) {
        return builder().spec(spec).build();
    }

    public static final class Builder extends ComponentArgsBuilder<Builder> {
        private Output<String> vpcId;
        private List<Output<String>> publicSubnetIds = List.of();
        private List<Output<String>> privateSubnetIds = List.of();
        private Output<String> clusterArn;
        private Output<String> hostedZoneId;
        private Output<String> certificateArn;

        private Builder() {
        }

        /** Deploy into this VPC and its subnets (two or more of each) instead of creating a VPC. */
        public Builder existingVpc(Output<String> vpcId, List<Output<String>> publicSubnetIds,
                                   List<Output<String>> privateSubnetIds) {
            this.vpcId = vpcId;
            this.publicSubnetIds = publicSubnetIds;
            this.privateSubnetIds = privateSubnetIds;
            return this;
        }

        /** Run both colours' services in this ECS cluster instead of creating one. */
        public Builder clusterArn(Output<String> clusterArn) {
            this.clusterArn = clusterArn;
            return this;
        }

        /** Write the domain's records in this Route 53 zone instead of looking the zone up by name. */
        public Builder hostedZoneId(Output<String> hostedZoneId) {
            this.hostedZoneId = hostedZoneId;
            return this;
        }

        /** Serve HTTPS with this ACM certificate instead of requesting one. */
        public Builder certificateArn(Output<String> certificateArn) {
            this.certificateArn = certificateArn;
            return this;
        }

        /**
         * Builds the args. What the builder leaves unset but the spec names ({@code vpcId} with its subnets,
         * {@code certificateArn}: the stack config's keys) is taken from the spec, so both ways of configuring agree.
         */
        public ConsoulServiceArgs build() {
            var platform = spec() == null ? null : spec().platform();
            if (vpcId == null && platform != null && platform.network().existing()) {
                var network = platform.network();
                existingVpc(Output.of(network.vpcId().orElseThrow()),
                        network.publicSubnetIds().stream().map(Output::of).toList(),
                        network.privateSubnetIds().stream().map(Output::of).toList());
            }
            if (certificateArn == null && platform != null) {
                platform.certificateArn().map(Output::of).ifPresent(this::certificateArn);
            }
            return new ConsoulServiceArgs(spec(), Optional.ofNullable(vpcId), publicSubnetIds, privateSubnetIds,
                    Optional.ofNullable(clusterArn), Optional.ofNullable(hostedZoneId), Optional.ofNullable(certificateArn));
        }
    }
}
