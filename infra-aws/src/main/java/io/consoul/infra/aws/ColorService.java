package io.consoul.infra.aws;

import com.pulumi.aws.appautoscaling.Policy;
import com.pulumi.aws.appautoscaling.PolicyArgs;
import com.pulumi.aws.appautoscaling.Target;
import com.pulumi.aws.appautoscaling.TargetArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.ecs.Service;
import com.pulumi.aws.ecs.ServiceArgs;
import com.pulumi.aws.ecs.TaskDefinition;
import com.pulumi.aws.ecs.TaskDefinitionArgs;
import com.pulumi.aws.ecs.inputs.ServiceDeploymentCircuitBreakerArgs;
import com.pulumi.aws.ecs.inputs.ServiceLoadBalancerArgs;
import com.pulumi.aws.ecs.inputs.ServiceNetworkConfigurationArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.Ports;
import io.consoul.infra.spec.Resources;
import io.consoul.infra.spec.Rollout;
import io.consoul.infra.spec.Scaling;
import io.consoul.infra.spec.Shutdown;
import io.consoul.infra.spec.limits.FargateLimits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One colour: its task definition, its Fargate service behind its target group, and its autoscaling. */
final class ColorService {
    static final String CONTAINER = "consoul";
    private static final String DIMENSION = "ecs:service:DesiredCount";

    private ColorService() {
    }

    static Service create(String name, Color color, DeploymentSpec spec, Shared shared, CustomResourceOptions opts) {
        String colorName = name + "-" + color.key();
        Resources size = spec.size().limits();
        var task = new TaskDefinition(colorName, TaskDefinitionArgs.builder()
                .family(colorName)
                .requiresCompatibilities("FARGATE")
                .networkMode("awsvpc")
                .cpu(Integer.toString(FargateLimits.taskCpu(size)))
                .memory(Integer.toString(size.memoryMiB()))
                .executionRoleArn(shared.executionRole().arn())
                .containerDefinitions(containerDefinitions(spec, color, shared))
                .build(), opts);
        var service = new Service(colorName, ServiceArgs.builder()
                .cluster(shared.clusterArn())
                .taskDefinition(task.arn())
                .launchType("FARGATE")
                .desiredCount(spec.scaling().minReplicas(color))
                .deploymentMaximumPercent(Rollout.MAXIMUM_PERCENT)
                .deploymentMinimumHealthyPercent(Rollout.MINIMUM_HEALTHY_PERCENT)
                .deploymentCircuitBreaker(ServiceDeploymentCircuitBreakerArgs.builder().enable(true).rollback(true).build())
                .healthCheckGracePeriodSeconds(Rollout.HEALTH_CHECK_GRACE_SECONDS)
                .loadBalancers(ServiceLoadBalancerArgs.builder()
                        .targetGroupArn(shared.loadBalancer().targetGroups().get(color).arn())
                        .containerName(CONTAINER).containerPort(Ports.APP).build())
                .networkConfiguration(ServiceNetworkConfigurationArgs.builder()
                        .subnets(shared.network().privateSubnets())
                        .securityGroups(shared.securityGroups().service().id().applyValue(List::of))
                        .assignPublicIp(false).build())
                .propagateTags("SERVICE")
                // ECS reads secrets when a task starts: a rotated secret (a new version of the one secret) rolls
                // every task, 200 % / 100 %, so no task keeps the old value.
                .forceNewDeployment(true)
                .triggers(shared.secrets().version().applyValue(v -> Map.of("secretVersion", v)))
                .build(),
                // Autoscaling owns the running count after creation; the listeners must exist before a target group
                // can take targets.
                CustomResourceOptions.builder().parent(shared.parent()).ignoreChanges("desiredCount")
                        .dependsOn(new ArrayList<>(shared.loadBalancer().listeners())).build());
        autoscaling(colorName, color, spec.scaling(), shared.clusterArn(), service, opts);
        return service;
    }

    /** The colour's own floor ({@code <colour>MinReplicas}, else {@code minReplicas}): the pre-scaled switch's lever. */
    private static void autoscaling(String name, Color color, Scaling scaling, Output<String> clusterArn, Service service,
                                    CustomResourceOptions opts) {
        // arn:aws:ecs:<region>:<account>:cluster/<name>: the cluster's name is the ARN's last segment.
        Output<String> resourceId = Output.tuple(clusterArn, service.name())
                .applyValue(t -> "service/" + t.t1.substring(t.t1.lastIndexOf('/') + 1) + "/" + t.t2);
        var target = new Target(name, TargetArgs.builder()
                .minCapacity(scaling.minReplicas(color)).maxCapacity(scaling.maxReplicas())
                .resourceId(resourceId).scalableDimension(DIMENSION).serviceNamespace("ecs").build(), opts);
        // CPU only: a JVM keeps the heap it grew, so a memory policy would never agree to scale in, and ECS scales in
        // only when every target-tracking policy agrees (docs/deploying.md, "Autoscaling").
        policy(name + "-cpu", "ECSServiceAverageCPUUtilization", scaling.cpuTargetPercent(), scaling, target, opts);
    }

    private static void policy(String name, String metric, int targetPercent, Scaling scaling, Target target,
                               CustomResourceOptions opts) {
        new Policy(name, PolicyArgs.builder()
                .policyType("TargetTrackingScaling")
                .resourceId(target.resourceId()).scalableDimension(target.scalableDimension())
                .serviceNamespace(target.serviceNamespace())
                .targetTrackingScalingPolicyConfiguration(PolicyTargetTrackingScalingPolicyConfigurationArgs.builder()
                        .predefinedMetricSpecification(
                                PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs.builder()
                                        .predefinedMetricType(metric).build())
                        .targetValue((double) targetPercent)
                        .scaleInCooldown(scaling.scaleInCooldownSeconds())
                        .scaleOutCooldown(scaling.scaleOutCooldownSeconds())
                        .build())
                .build(), opts);
    }

    private static Output<String> containerDefinitions(DeploymentSpec spec, Color color, Shared shared) {
        List<Map<String, Object>> environment = spec.plainEnv().entrySet().stream()
                .map(e -> Map.<String, Object>of("name", e.getKey(), "value", e.getValue())).toList();
        return Output.tuple(shared.secrets().references(), shared.logs().name(), shared.region())
                .applyValue(t -> {
                    Map<String, Object> container = new LinkedHashMap<>();
                    container.put("name", CONTAINER);
                    container.put("image", spec.image(color));
                    container.put("essential", true);
                    container.put("portMappings", List.of(
                            Map.of("containerPort", Ports.APP, "protocol", "tcp"),
                            Map.of("containerPort", Ports.METRICS, "protocol", "tcp")));
                    container.put("environment", environment);
                    container.put("secrets", t.t1);
                    container.put("stopTimeout", Shutdown.ECS_STOP_TIMEOUT_SECONDS);
                    container.put("readonlyRootFilesystem", false);
                    container.put("logConfiguration", Map.of("logDriver", "awslogs", "options", Map.of(
                            "awslogs-group", t.t2, "awslogs-region", t.t3, "awslogs-stream-prefix", color.key())));
                    return Json.write(List.of(container));
                });
    }

    /** What both colours share. */
    record Shared(Output<String> clusterArn, AwsNetwork network, SecurityGroups securityGroups, LoadBalancer loadBalancer,
                  ContainerSecrets secrets, LogGroup logs, Role executionRole, Output<String> region,
                  com.pulumi.resources.Resource parent) {
    }
}
