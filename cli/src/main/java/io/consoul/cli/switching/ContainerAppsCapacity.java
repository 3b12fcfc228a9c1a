package io.consoul.cli.switching;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.consoul.cli.CliFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Azure: a colour is the Container App's revision labelled with it. Running = the revision's
 * {@code properties.replicas} ({@code az containerapp revision show}); ready = its replicas whose
 * {@code runningState} is {@code Running} and whose containers are all ready ({@code az containerapp replica list}).
 * The app, resource group, subscription and the colour's revision come from the stack's state.
 */
final class ContainerAppsCapacity implements PlatformCapacity {
    static final String APP = "azure-native:app:ContainerApp";
    private final StackResources resources;
    private final CloudCli az;

    ContainerAppsCapacity(StackResources resources, CloudCli az) {
        this.resources = resources;
        this.az = az;
    }

    @Override
    public int running(String colour) {
        JsonObject revision = EcsCapacity.json(az.run(command(colour, "revision", "show"))).getAsJsonObject();
        JsonElement replicas = revision.getAsJsonObject("properties").get("replicas");
        return replicas == null || replicas.isJsonNull() ? 0 : replicas.getAsInt();
    }

    @Override
    public int ready(String colour) {
        int ready = 0;
        for (JsonElement replica : EcsCapacity.json(az.run(command(colour, "replica", "list"))).getAsJsonArray()) {
            JsonObject properties = replica.getAsJsonObject().getAsJsonObject("properties");
            boolean running = "Running".equals(text(properties, "runningState"));
            boolean containersReady = true;
            if (properties.has("containers")) {
                for (JsonElement container : properties.getAsJsonArray("containers")) {
                    containersReady &= container.getAsJsonObject().has("ready")
                            && container.getAsJsonObject().get("ready").getAsBoolean();
                }
            }
            if (running && containersReady) {
                ready++;
            }
        }
        return ready;
    }

    @Override
    public String source() {
        return "the revision's replicas; replicas Running with every container ready";
    }

    private List<String> command(String colour, String noun, String verb) {
        Map<String, Object> app = resources.outputs(APP, null);
        // /subscriptions/<s>/resourceGroups/<g>/providers/Microsoft.App/containerApps/<name>
        String[] id = StackResources.text(app, "id").split("/");
        if (id.length < 9) {
            throw new CliFailure("unexpected Container App id " + StackResources.text(app, "id"));
        }
        return new ArrayList<>(List.of("az", "containerapp", noun, verb, "--subscription", id[2], "--resource-group", id[4],
                "--name", id[8], "--revision",
                StackResources.entry(app, "configuration.ingress.traffic", "label", colour, "revisionName"), "--output", "json"));
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
