package io.consoul.infra.aws;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupEgressArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.Ports;

import java.util.List;

/**
 * Least privilege: the internet reaches only the load balancer's listener ports; the service takes traffic only from
 * the load balancer on the app port (never the metrics port); Redis takes connections only from the service.
 */
record SecurityGroups(SecurityGroup loadBalancer, SecurityGroup service, SecurityGroup redis) {
    private static final String ANYWHERE = "0.0.0.0/0";
    private static final String ANYWHERE_V6 = "::/0";
    private static final String TCP = "tcp";

    static SecurityGroups create(String name, DeploymentSpec spec, boolean https, AwsNetwork network, CustomResourceOptions opts) {
        var lb = new SecurityGroup(name + "-alb", SecurityGroupArgs.builder()
                .description("Consoul load balancer: public listeners only")
                .vpcId(network.vpcId())
                .ingress(LoadBalancer.listenerPorts(https).stream().map(SecurityGroups::fromInternet).toList())
                .build(), opts);
        var service = new SecurityGroup(name + "-service", SecurityGroupArgs.builder()
                .description("Consoul tasks: the app port, from the load balancer only")
                .vpcId(network.vpcId())
                .ingress(SecurityGroupIngressArgs.builder().protocol(TCP).fromPort(Ports.APP).toPort(Ports.APP)
                        .securityGroups(lb.id().applyValue(List::of)).description("app port from the load balancer").build())
                // Out to the model APIs, the image registry, Secrets Manager and Redis.
                .egress(SecurityGroupEgressArgs.builder().protocol("-1").fromPort(0).toPort(0)
                        .cidrBlocks(ANYWHERE).build())
                .build(), opts);
        // A separate rule, so the two groups can refer to each other without a cycle.
        new SecurityGroupEgressRule(name + "-alb-to-service", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(lb.id()).referencedSecurityGroupId(service.id())
                .ipProtocol(TCP).fromPort(Ports.APP).toPort(Ports.APP)
                .description("load balancer to the app port").build(), opts);
        var redis = new SecurityGroup(name + "-redis", SecurityGroupArgs.builder()
                .description("Consoul Redis: from the service only")
                .vpcId(network.vpcId())
                .ingress(SecurityGroupIngressArgs.builder().protocol(TCP).fromPort(Ports.REDIS).toPort(Ports.REDIS)
                        .securityGroups(service.id().applyValue(List::of)).description("Redis from the service").build())
                .build(), opts);
        return new SecurityGroups(lb, service, redis);
    }

    private static SecurityGroupIngressArgs fromInternet(int port) {
        return SecurityGroupIngressArgs.builder().protocol(TCP).fromPort(port).toPort(port)
                .cidrBlocks(ANYWHERE).ipv6CidrBlocks(ANYWHERE_V6).description("listener " + port).build();
    }
}
