package io.consoul.infra.azure;

import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.StackOutputs;

import java.util.Map;

/**
 * One Consoul deployment on Azure Container Apps: a resource group holding the network, the logs, the managed
 * environment, Azure Cache for Redis behind a private endpoint, and one Container App in multiple-revision mode whose
 * colours are revisions labelled {@code blue} and {@code green}.
 */
public final class ConsoulService extends ComponentResource {
    public static final String TYPE = "consoul:azure:Service";

    private final StackOutputs outputs;

    public ConsoulService(String name, DeploymentSpec spec) {
        super(TYPE, name);
        var opts = CustomResourceOptions.builder().parent(this).build();

        var group = new ResourceGroup(name, ResourceGroupArgs.builder()
                .tags(Map.of("app", DeploymentSpec.NAME, "environment", spec.environment().key())).build(), opts);
        var network = AzureNetwork.create(name, group, opts);
        var environment = AppEnvironment.create(name, spec, group, network, opts);
        var redis = AzureRedis.create(name, spec, group, network, opts);
        var app = ContainerAppService.create(name, spec, group, environment, redis, opts);

        this.outputs = new StackOutputs(app.url(), app.previewUrl(), redis.endpoint(spec));
        registerOutputs(outputs.componentOutputs());
    }

    public StackOutputs outputs() {
        return outputs;
    }
}
