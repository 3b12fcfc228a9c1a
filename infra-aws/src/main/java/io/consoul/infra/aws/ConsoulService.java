package io.consoul.infra.aws;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ecs.Cluster;
import com.pulumi.aws.ecs.ClusterArgs;
import com.pulumi.aws.ecs.inputs.ClusterSettingArgs;
import com.pulumi.aws.inputs.GetRegionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.ConsoulComponent;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.StackOutputs;

/**
 * One Consoul deployment on ECS Fargate, both colours behind one ALB, sharing one Redis. A Pulumi component: give it
 * a provider in {@code options} (another region or account) and every child, and every provider function it calls,
 * uses that provider.
 *
 * <pre>{@code
 * var consoul = new ConsoulService("consoul", ConsoulServiceArgs.builder()
 *         .spec(DeploymentSpec.builder().cloud(Cloud.AWS).environment(DeployEnvironment.PRODUCTION)...build())
 *         .existingVpc(vpcId, publicSubnetIds, privateSubnetIds)
 *         .build(), ComponentResourceOptions.builder().provider(euWest1).build());
 * ctx.export("url", consoul.url());
 * }</pre>
 */
public final class ConsoulService extends ConsoulComponent {
    public static final String TYPE = "consoul:aws:Service";

    public ConsoulService(String name, ConsoulServiceArgs args, ComponentResourceOptions options) {
        super(TYPE, name, args.spec(), options);
        DeploymentSpec spec = args.spec();
        var opts = childOptions();
        var invoke = invokeOptions();

        var network = AwsNetwork.of(name, args, opts, invoke);
        var groups = SecurityGroups.create(name, spec, args.https(), network, opts);
        var redis = AwsRedis.create(name, spec, network, groups, opts);
        var secrets = ContainerSecrets.create(name, spec, redis, opts);
        var logs = new LogGroup(name, LogGroupArgs.builder()
                .name("/consoul/" + spec.environment().key())
                .retentionInDays(spec.platform().logRetentionDays()).build(), opts);
        var role = ExecutionRole.create(name, logs, secrets, opts);
        Output<String> clusterArn = args.clusterArn().orElseGet(() -> new Cluster(name, ClusterArgs.builder()
                .settings(ClusterSettingArgs.builder().name("containerInsights").value("enabled").build()).build(), opts)
                .arn());
        var domain = AwsDomain.create(name, args, opts, invoke);
        var loadBalancer = LoadBalancer.create(name, spec, network, groups, domain.certificateArn(), opts);
        domain.aliases(name, spec, loadBalancer.alb(), opts);
        Alarms.create(name, spec, loadBalancer, opts);
        Output<String> region = AwsFunctions.getRegion(GetRegionArgs.builder().build(), invoke).applyValue(r -> r.name());

        var shared = new ColorService.Shared(clusterArn, network, groups, loadBalancer, secrets, logs, role, region, this);
        for (Color color : spec.colors()) {
            ColorService.create(name, color, spec, shared, opts);
        }
        register(new StackOutputs(loadBalancer.url(), loadBalancer.previewUrl(), redis.endpoint(spec)));
    }

    /** The stack-config path: the spec read from config, with its network and certificate. */
    public ConsoulService(String name, DeploymentSpec spec) {
        this(name, ConsoulServiceArgs.fromSpec(spec), ComponentResourceOptions.Empty);
    }
}
