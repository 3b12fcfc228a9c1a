package io.consoul.infra.aws;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The role ECS uses to start a task, with only what that takes: pull the image, write to this stack's log group,
 * read this stack's secret. The app itself calls no AWS API, so tasks get no task role at all.
 */
final class ExecutionRole {
    private ExecutionRole() {
    }

    static Role create(String name, LogGroup logs, ContainerSecrets secrets, CustomResourceOptions opts) {
        var role = new Role(name + "-execution", RoleArgs.builder()
                .description("Starts Consoul tasks: image pull, logs, secrets")
                .assumeRolePolicy(Json.write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Effect", "Allow", "Action", "sts:AssumeRole",
                        "Principal", Map.of("Service", "ecs-tasks.amazonaws.com"))))))
                .build(), opts);
        Output<String> policy = Output.tuple(logs.arn(), secrets.secret().arn()).applyValue(arns -> Json.write(Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(
                        statement(List.of("ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
                                "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"), "*"),
                        statement(List.of("logs:CreateLogStream", "logs:PutLogEvents"), arns.t1 + ":*"),
                        statement(List.of("secretsmanager:GetSecretValue"), arns.t2)))));
        new RolePolicy(name + "-execution", RolePolicyArgs.builder().role(role.id()).policy(policy).build(), opts);
        return role;
    }

    private static Map<String, Object> statement(List<String> actions, String resource) {
        return Map.of("Effect", "Allow", "Action", actions, "Resource", resource);
    }
}
