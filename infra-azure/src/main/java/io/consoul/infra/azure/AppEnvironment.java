package io.consoul.infra.azure;

import com.pulumi.azurenative.app.ManagedEnvironment;
import com.pulumi.azurenative.app.ManagedEnvironmentArgs;
import com.pulumi.azurenative.app.inputs.AppLogsConfigurationArgs;
import com.pulumi.azurenative.app.inputs.LogAnalyticsConfigurationArgs;
import com.pulumi.azurenative.app.inputs.VnetConfigurationArgs;
import com.pulumi.azurenative.operationalinsights.OperationalinsightsFunctions;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.operationalinsights.WorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.inputs.GetSharedKeysArgs;
import com.pulumi.azurenative.operationalinsights.inputs.WorkspaceSkuArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;

/** The Log Analytics workspace and the Container Apps managed environment on the stack's VNet. */
record AppEnvironment(ManagedEnvironment environment, Workspace logs) {
    /** Pay-as-you-go Log Analytics keeps data at least 30 and at most 730 days. */
    static final int MIN_RETENTION_DAYS = 30;
    static final int MAX_RETENTION_DAYS = 730;

    /** The environment the args name (read, not managed), or a new one with its Log Analytics workspace. */
    static AppEnvironment of(String name, ConsoulServiceArgs args, AzureGroup group, AzureNetwork network,
                             CustomResourceOptions opts, InvokeOptions invoke) {
        if (args.environmentId().isPresent()) {
            return new AppEnvironment(ManagedEnvironment.get(name, args.environmentId().get(), opts), null);
        }
        return create(name, args.spec(), group, network, opts, invoke);
    }

    static AppEnvironment create(String name, DeploymentSpec spec, AzureGroup group, AzureNetwork network,
                                 CustomResourceOptions opts, InvokeOptions invoke) {
        var logs = new Workspace(name, WorkspaceArgs.builder()
                .resourceGroupName(group.name())
                .sku(WorkspaceSkuArgs.builder().name(Either.ofLeft("PerGB2018")).build())
                .retentionInDays(retentionDays(spec.platform().logRetentionDays()))
                .build(), opts);
        Output<String> sharedKey = OperationalinsightsFunctions.getSharedKeys(GetSharedKeysArgs.builder()
                        .resourceGroupName(group.name()).workspaceName(logs.name()).build(), invoke)
                .applyValue(keys -> keys.primarySharedKey().orElseThrow())
                .asSecret();
        var environment = new ManagedEnvironment(name, ManagedEnvironmentArgs.builder()
                .resourceGroupName(group.name())
                .appLogsConfiguration(AppLogsConfigurationArgs.builder()
                        .destination("log-analytics")
                        .logAnalyticsConfiguration(LogAnalyticsConfigurationArgs.builder()
                                .customerId(logs.customerId()).sharedKey(sharedKey).build())
                        .build())
                .vnetConfiguration(VnetConfigurationArgs.builder()
                        .infrastructureSubnetId(network.appsSubnetId())
                        // Internal when the stack keeps the service private: no public IP on the environment.
                        .internal(!spec.platform().allowPublicAccess())
                        .build())
                .zoneRedundant(spec.environment().isProduction())
                .build(), opts);
        return new AppEnvironment(environment, logs);
    }

    /** The spec's retention, within what Log Analytics accepts. */
    static int retentionDays(int days) {
        return Math.min(MAX_RETENTION_DAYS, Math.max(MIN_RETENTION_DAYS, days));
    }
}
