package io.consoul.infra.aws;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ecs.Cluster;
import com.pulumi.aws.ecs.ClusterArgs;
import com.pulumi.aws.ecs.inputs.ClusterSettingArgs;
import com.pulumi.aws.inputs.GetRegionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.StackOutputs;


/** One Consoul deployment on ECS Fargate, both colours behind one ALB, sharing one Redis. */
public final class ConsoulService extends ComponentResource {
    public static final String TYPE = "consoul:aws:Service";

    private final StackOutputs outputs;

    public ConsoulService(String name, DeploymentSpec spec) {
        super(TYPE, name);
        var opts = CustomResourceOptions.builder().parent(this).build();

        var network = AwsNetwork.of(name, spec, this);
        var groups = SecurityGroups.create(name, spec, network, opts);
        var redis = AwsRedis.create(name, spec, network, groups, opts);
        var secrets = ContainerSecrets.create(name, spec, redis, opts);
        var logs = new LogGroup(name, LogGroupArgs.builder()
                .name("/consoul/" + spec.environment().key())
                .retentionInDays(spec.platform().logRetentionDays()).build(), opts);
        var role = ExecutionRole.create(name, logs, secrets, opts);
        var cluster = new Cluster(name, ClusterArgs.builder()
                .settings(ClusterSettingArgs.builder().name("containerInsights").value("enabled").build()).build(), opts);
        var domain = AwsDomain.create(name, spec, opts);
        var loadBalancer = LoadBalancer.create(name, spec, network, groups, domain.certificateArn(), opts);
        domain.aliases(name, spec, loadBalancer.alb(), opts);
        Alarms.create(name, spec, loadBalancer, opts);
        Output<String> region = AwsFunctions.getRegion(GetRegionArgs.builder().build()).applyValue(r -> r.name());

        var shared = new ColorService.Shared(cluster, network, groups, loadBalancer, secrets, logs, role, region, this);
        for (Color color : spec.colors()) {
            ColorService.create(name, color, spec, shared, opts);
        }

        this.outputs = new StackOutputs(loadBalancer.url(), loadBalancer.previewUrl(), redis.endpoint(spec));
        registerOutputs(outputs.componentOutputs());
    }

    public StackOutputs outputs() {
        return outputs;
    }
}
