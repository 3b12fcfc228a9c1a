package io.consoul.infra.azure;

import com.pulumi.resources.ComponentResourceOptions;
import io.consoul.infra.spec.ConsoulComponent;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.StackOutputs;

/**
 * One Consoul deployment on Azure Container Apps: a resource group holding the network, the logs, the managed
 * environment, Azure Cache for Redis behind a private endpoint, and one Container App in multiple-revision mode whose
 * colours are revisions labelled {@code blue} and {@code green}. A Pulumi component: a provider given in
 * {@code options} (another subscription) reaches every child and every provider function it calls.
 */
public final class ConsoulService extends ConsoulComponent {
    public static final String TYPE = "consoul:azure:Service";

    public ConsoulService(String name, ConsoulServiceArgs args, ComponentResourceOptions options) {
        super(TYPE, name, args.spec(), options);
        DeploymentSpec spec = args.spec();
        var opts = childOptions();
        var invoke = invokeOptions();

        var group = AzureGroup.of(name, args, opts, invoke);
        var network = AzureNetwork.of(name, args, group, opts);
        var environment = AppEnvironment.of(name, args, group, network, opts, invoke);
        var redis = AzureRedis.create(name, spec, group, network, opts, invoke);
        var app = ContainerAppService.create(name, spec, group, environment, redis, opts, invoke);
        register(new StackOutputs(app.url(), app.previewUrl(), redis.endpoint(spec)));
    }

    /** The stack-config path: the spec read from config. */
    public ConsoulService(String name, DeploymentSpec spec) {
        this(name, ConsoulServiceArgs.builder().spec(spec).build(), ComponentResourceOptions.Empty);
    }
}
