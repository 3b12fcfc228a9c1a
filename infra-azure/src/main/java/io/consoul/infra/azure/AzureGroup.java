package io.consoul.infra.azure;

import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.azurenative.resources.ResourcesFunctions;
import com.pulumi.azurenative.resources.inputs.GetResourceGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.Map;

/** The resource group everything lives in: a team's existing one, or a new one tagged with the deployment. */
record AzureGroup(Output<String> name, Output<String> location, Output<String> id) {

    static AzureGroup of(String name, ConsoulServiceArgs args, CustomResourceOptions opts, InvokeOptions invoke) {
        if (args.resourceGroupName().isPresent()) {
            var existing = ResourcesFunctions.getResourceGroup(GetResourceGroupArgs.builder()
                    .resourceGroupName(args.resourceGroupName().get()).build(), invoke);
            return new AzureGroup(args.resourceGroupName().get(), existing.applyValue(g -> g.location()),
                    existing.applyValue(g -> g.id()));
        }
        DeploymentSpec spec = args.spec();
        var group = new ResourceGroup(name, ResourceGroupArgs.builder()
                .tags(Map.of("app", DeploymentSpec.NAME, "environment", spec.environment().key())).build(), opts);
        return new AzureGroup(group.name(), group.location(), group.id());
    }
}
