package io.consoul.infra.aws;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.inputs.RouteTableRouteArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.deployment.InvokeOptions;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * The VPC: an existing one from config, or a new one with a public and a private subnet in each of two zones. The
 * load balancer lives in the public subnets; the service and Redis only in the private ones, reaching out through
 * NAT (one per zone in production, one shared elsewhere).
 */
record AwsNetwork(Output<String> vpcId, List<Output<String>> publicSubnetIds, List<Output<String>> privateSubnetIds) {
    private static final String CIDR = "10.0.0.0/16";
    private static final String ANYWHERE = "0.0.0.0/0";

    /** The VPC the args name, or a new one. */
    static AwsNetwork of(String name, ConsoulServiceArgs args, CustomResourceOptions opts, InvokeOptions invoke) {
        if (args.vpcId().isPresent()) {
            return new AwsNetwork(args.vpcId().get(), args.publicSubnetIds(), args.privateSubnetIds());
        }
        return create(name, args.spec(), opts, invoke);
    }

    private static AwsNetwork create(String name, DeploymentSpec spec, CustomResourceOptions opts, InvokeOptions invoke) {
        // The zones of the component's provider's region, not the default provider's.
        var zones = AwsFunctions.getAvailabilityZones(GetAvailabilityZonesArgs.builder().state("available").build(), invoke)
                .applyValue(result -> result.names());
        var vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(CIDR).enableDnsHostnames(true).enableDnsSupport(true).build(), opts);
        var gateway = new InternetGateway(name + "-igw", InternetGatewayArgs.builder().vpcId(vpc.id()).build(), opts);
        var publicRoutes = new RouteTable(name + "-public", RouteTableArgs.builder().vpcId(vpc.id())
                .routes(RouteTableRouteArgs.builder().cidrBlock(ANYWHERE).gatewayId(gateway.id()).build()).build(), opts);

        List<Output<String>> publicIds = new ArrayList<>();
        List<Output<String>> privateIds = new ArrayList<>();
        NatGateway sharedNat = null;
        for (int zone = 0; zone < Network.ZONES; zone++) {
            int index = zone;
            Output<String> az = zones.applyValue(names -> names.get(index));
            var publicSubnet = new Subnet(name + "-public-" + zone, SubnetArgs.builder().vpcId(vpc.id())
                    .cidrBlock("10.0." + zone + ".0/24").availabilityZone(az).mapPublicIpOnLaunch(true).build(), opts);
            var privateSubnet = new Subnet(name + "-private-" + zone, SubnetArgs.builder().vpcId(vpc.id())
                    .cidrBlock("10.0." + (10 + zone) + ".0/24").availabilityZone(az).mapPublicIpOnLaunch(false).build(), opts);
            new RouteTableAssociation(name + "-public-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(publicSubnet.id()).routeTableId(publicRoutes.id()).build(), opts);

            NatGateway nat = sharedNat;
            if (nat == null) {
                var ip = new Eip(name + "-nat-" + zone, EipArgs.builder().domain("vpc").build(), opts);
                nat = new NatGateway(name + "-nat-" + zone, NatGatewayArgs.builder()
                        .subnetId(publicSubnet.id()).allocationId(ip.id()).build(), opts);
                if (!spec.environment().isProduction()) {
                    sharedNat = nat;
                }
            }
            var privateRoutes = new RouteTable(name + "-private-" + zone, RouteTableArgs.builder().vpcId(vpc.id())
                    .routes(RouteTableRouteArgs.builder().cidrBlock(ANYWHERE).natGatewayId(nat.id()).build()).build(), opts);
            new RouteTableAssociation(name + "-private-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(privateSubnet.id()).routeTableId(privateRoutes.id()).build(), opts);
            publicIds.add(publicSubnet.id());
            privateIds.add(privateSubnet.id());
        }
        return new AwsNetwork(vpc.id(), publicIds, privateIds);
    }

    Output<List<String>> publicSubnets() {
        return Output.all(publicSubnetIds);
    }

    Output<List<String>> privateSubnets() {
        return Output.all(privateSubnetIds);
    }
}
