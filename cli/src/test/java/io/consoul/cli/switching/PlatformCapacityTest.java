package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each cloud's reading of a colour's instances: which resource of the stack's state it finds, which command or API
 * call it makes with that resource's cloud-side identity, and what it counts in the answer (canned here, in the
 * shapes the CLIs and APIs document).
 */
class PlatformCapacityTest {
    private final List<List<String>> ran = new ArrayList<>();

    private CloudCli answering(Map<String, String> answers) {
        return command -> {
            ran.add(command);
            String line = String.join(" ", command);
            return answers.entrySet().stream().filter(e -> line.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError("unexpected command " + line));
        };
    }

    private static Map<String, Object> resource(String type, String name, Map<String, Object> outputs) {
        return Map.of("urn", "urn:pulumi:aws-production::consoul::consoul:x:Service$" + type + "::" + name, "type", type,
                "outputs", outputs);
    }

    @Test
    @DisplayName("AWS: the colour's ECS runningCount; ready = healthy targets of its target group; region from the ARN")
    void ecs() {
        StackResources state = new StackResources(List.of(
                resource(EcsCapacity.SERVICE, "consoul-blue", Map.of("cluster", "arn:aws:ecs:eu-west-1:1:cluster/c", "name", "consoul-blue-1a")),
                resource(EcsCapacity.SERVICE, "consoul-green", Map.of("cluster", "arn:aws:ecs:eu-west-1:1:cluster/c", "name", "consoul-green-2b")),
                resource(EcsCapacity.TARGET_GROUP, "consoul-green", Map.of("arn", "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/g/9")),
                resource(EcsCapacity.TARGET_GROUP, "consoul-blue", Map.of("arn", "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/b/8"))));
        EcsCapacity ecs = new EcsCapacity(state, answering(Map.of(
                "describe-services", "{\"services\":[{\"desiredCount\":9,\"runningCount\":7,\"pendingCount\":2}],\"failures\":[]}",
                "describe-target-health", "{\"TargetHealthDescriptions\":[{\"TargetHealth\":{\"State\":\"healthy\"}},"
                        + "{\"TargetHealth\":{\"State\":\"initial\"}},{\"TargetHealth\":{\"State\":\"healthy\"}}]}")));
        assertEquals(7, ecs.running("blue"));
        assertEquals(List.of("aws", "ecs", "describe-services", "--cluster", "arn:aws:ecs:eu-west-1:1:cluster/c", "--services",
                "consoul-blue-1a", "--region", "eu-west-1", "--output", "json"), ran.get(0));
        assertEquals(2, ecs.ready("green"));
        assertEquals("arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/g/9", ran.get(1).get(4));
    }

    @Test
    @DisplayName("Kubernetes: the HPA's currentReplicas; ready = the Deployment's readyReplicas (absent = 0)")
    void kubernetes() {
        Map<String, Object> meta = Map.of("metadata", Map.of("name", "consoul-green", "namespace", "consoul"));
        StackResources state = new StackResources(List.of(
                resource(KubernetesCapacity.HPA, "consoul-green", meta), resource(KubernetesCapacity.DEPLOYMENT, "consoul-green", meta)));
        KubernetesCapacity k8s = new KubernetesCapacity(state, answering(Map.of(
                "get hpa", "{\"status\":{\"currentReplicas\":6,\"desiredReplicas\":7}}",
                "get deployment", "{\"status\":{\"replicas\":6}}")));
        assertEquals(6, k8s.running("green"));
        assertEquals(List.of("kubectl", "get", "hpa", "consoul-green", "--namespace", "consoul", "--output", "json"), ran.get(0));
        assertEquals(0, k8s.ready("green"), "no readyReplicas field: none ready");
    }

    @Test
    @DisplayName("Azure: the labelled revision's replicas; ready = replicas Running with every container ready")
    void containerApps() {
        Map<String, Object> app = Map.of("id", "/subscriptions/s-1/resourceGroups/rg-consoul/providers/Microsoft.App/containerApps/consoul",
                "configuration", Map.of("ingress", Map.of("traffic", List.of(
                        Map.of("label", "blue", "revisionName", "consoul--blue-abc", "weight", 100),
                        Map.of("label", "green", "revisionName", "consoul--green-def", "weight", 0)))));
        ContainerAppsCapacity azure = new ContainerAppsCapacity(new StackResources(List.of(resource(ContainerAppsCapacity.APP, "consoul", app))),
                answering(Map.of("revision show", "{\"name\":\"consoul--blue-abc\",\"properties\":{\"replicas\":5,\"active\":true}}",
                        "replica list", "[{\"properties\":{\"runningState\":\"Running\",\"containers\":[{\"ready\":true}]}},"
                                + "{\"properties\":{\"runningState\":\"Running\",\"containers\":[{\"ready\":false}]}},"
                                + "{\"properties\":{\"runningState\":\"NotRunning\",\"containers\":[{\"ready\":true}]}}]")));
        assertEquals(5, azure.running("blue"));
        assertEquals(List.of("az", "containerapp", "revision", "show", "--subscription", "s-1", "--resource-group", "rg-consoul",
                "--name", "consoul", "--revision", "consoul--blue-abc", "--output", "json"), ran.get(0));
        assertEquals(1, azure.ready("green"));
        assertTrue(ran.get(1).contains("consoul--green-def"), ran.get(1).toString());
    }

    @Test
    @DisplayName("GCP: Cloud Monitoring's instance_count of the tagged revision, with gcloud's access token")
    void cloudRun() {
        Map<String, Object> service = Map.of("name", "consoul", "project", "consoul-production", "location", "us-central1",
                "traffics", List.of(Map.of("tag", "blue", "revision", "consoul-blue-0-1-0"), Map.of("tag", "green", "revision", "consoul-green-0-1-1")));
        List<String> asked = new ArrayList<>();
        CloudRunCapacity gcp = new CloudRunCapacity(new StackResources(List.of(resource(CloudRunCapacity.SERVICE, "consoul", service))),
                answering(Map.of("print-access-token", "ya29.token\n")), (URI uri, String token) -> {
                    asked.add(token + " " + URLDecoder.decode(uri.toString(), StandardCharsets.UTF_8));
                    return "{\"timeSeries\":[{\"points\":[{\"value\":{\"int64Value\":\"4\"}},{\"value\":{\"int64Value\":\"2\"}}]}]}";
                }, "http://monitoring.test");
        assertEquals(4, gcp.running("blue"), "the newest point");
        assertTrue(asked.get(0).startsWith("ya29.token http://monitoring.test/v3/projects/consoul-production/timeSeries?filter="), asked.get(0));
        assertTrue(asked.get(0).contains("metric.type=\"run.googleapis.com/container/instance_count\"")
                && asked.get(0).contains("resource.labels.revision_name=\"consoul-blue-0-1-0\""), asked.get(0));
        CloudRunCapacity none = new CloudRunCapacity(new StackResources(List.of(resource(CloudRunCapacity.SERVICE, "consoul", service))),
                answering(Map.of("print-access-token", "t")), (uri, token) -> "{}", "http://monitoring.test");
        assertEquals(0, none.ready("green"), "no series: no instance (scaled to zero)");
    }

    @Test
    @DisplayName("a state without the colour's resource says so instead of guessing")
    void missingResource() {
        CliFailure e = assertThrows(CliFailure.class,
                () -> new EcsCapacity(new StackResources(List.of()), answering(Map.of())).running("blue"));
        assertTrue(e.getMessage().contains("0 resources of type aws:ecs/service:Service for blue"), e.getMessage());
    }
}
