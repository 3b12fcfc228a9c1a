package io.consoul.cli.switching;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * Kubernetes: a colour is one Deployment scaled by its HorizontalPodAutoscaler. Running = the HPA's
 * {@code status.currentReplicas}; ready = the Deployment's {@code status.readyReplicas} — pods passing their
 * readiness probe, the ones the Service sends traffic to. Read with {@code kubectl} in the current context; the
 * names and namespace come from the stack's state.
 */
final class KubernetesCapacity implements PlatformCapacity {
    static final String HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
    static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    private final StackResources resources;
    private final CloudCli kubectl;

    KubernetesCapacity(StackResources resources, CloudCli kubectl) {
        this.resources = resources;
        this.kubectl = kubectl;
    }

    @Override
    public int running(String colour) {
        return count(get("hpa", resources.outputs(HPA, colour)), "currentReplicas");
    }

    @Override
    public int ready(String colour) {
        return count(get("deployment", resources.outputs(DEPLOYMENT, colour)), "readyReplicas");
    }

    @Override
    public String source() {
        return "the HPA's currentReplicas; the Deployment's readyReplicas";
    }

    private JsonObject get(String kind, Map<String, Object> resource) {
        return EcsCapacity.json(kubectl.run(List.of("kubectl", "get", kind, StackResources.text(resource, "metadata.name"),
                "--namespace", StackResources.text(resource, "metadata.namespace"), "--output", "json"))).getAsJsonObject();
    }

    /** Kubernetes leaves a zero count out of {@code status}. */
    private static int count(JsonObject object, String field) {
        JsonObject status = object.getAsJsonObject("status");
        JsonElement value = status == null ? null : status.get(field);
        return value == null ? 0 : value.getAsInt();
    }
}
