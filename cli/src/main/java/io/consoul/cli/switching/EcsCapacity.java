package io.consoul.cli.switching;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.consoul.cli.CliFailure;

import java.util.List;
import java.util.Map;

/**
 * AWS: a colour is one ECS service behind one ALB target group. Running = the service's {@code runningCount}
 * ({@code aws ecs describe-services}); ready = its target group's {@code healthy} targets
 * ({@code aws elbv2 describe-target-health}) — what the ALB would send traffic to. The service and target group
 * come from the stack's state; the region from the cluster's ARN.
 */
final class EcsCapacity implements PlatformCapacity {
    static final String SERVICE = "aws:ecs/service:Service";
    static final String TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
    private final StackResources resources;
    private final CloudCli aws;

    EcsCapacity(StackResources resources, CloudCli aws) {
        this.resources = resources;
        this.aws = aws;
    }

    @Override
    public int running(String colour) {
        Map<String, Object> service = resources.outputs(SERVICE, colour);
        String cluster = StackResources.text(service, "cluster");
        JsonArray services = json(aws.run(List.of("aws", "ecs", "describe-services", "--cluster", cluster, "--services",
                StackResources.text(service, "name"), "--region", region(cluster), "--output", "json")))
                .getAsJsonObject().getAsJsonArray("services");
        if (services == null || services.isEmpty()) {
            throw new CliFailure("aws ecs describe-services found no service " + StackResources.text(service, "name"));
        }
        return services.get(0).getAsJsonObject().get("runningCount").getAsInt();
    }

    @Override
    public int ready(String colour) {
        String arn = StackResources.text(resources.outputs(TARGET_GROUP, colour), "arn");
        JsonArray targets = json(aws.run(List.of("aws", "elbv2", "describe-target-health", "--target-group-arn", arn,
                "--region", region(arn), "--output", "json"))).getAsJsonObject().getAsJsonArray("TargetHealthDescriptions");
        int healthy = 0;
        for (JsonElement target : targets) {
            if ("healthy".equals(target.getAsJsonObject().getAsJsonObject("TargetHealth").get("State").getAsString())) {
                healthy++;
            }
        }
        return healthy;
    }

    @Override
    public String source() {
        return "ECS runningCount; healthy targets of the colour's target group";
    }

    /** {@code arn:aws:ecs:us-east-1:123456789012:cluster/x} → {@code us-east-1}. */
    static String region(String arn) {
        String[] parts = arn.split(":");
        if (parts.length < 4 || parts[3].isEmpty()) {
            throw new CliFailure("cannot tell the region of " + arn);
        }
        return parts[3];
    }

    static JsonElement json(String text) {
        try {
            return JsonParser.parseString(text);
        } catch (RuntimeException e) {
            throw new CliFailure("unexpected answer (not JSON): " + text.strip().lines().findFirst().orElse(""));
        }
    }
}
