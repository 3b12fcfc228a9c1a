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
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;

/** The Log Analytics workspace and the Container Apps managed environment on the stack's VNet. */
record AppEnvironment(ManagedEnvironment environment, Workspace logs) {
    /** Pay-as-you-go Log Analytics keeps data at least 30 and at most 730 days. */
    static final int MIN_RETENTION_DAYS = 30;
    static final int MAX_RETENTION_DAYS = 730;

    static AppEnvironment create(String name, DeploymentSpec spec, ResourceGroup group, AzureNetwork network,
                                 CustomResourceOptions opts) {
        var logs = new Workspace(name, WorkspaceArgs.builder()
                .resourceGroupName(group.name())
                .sku(WorkspaceSkuArgs.builder().name(Either.ofLeft("PerGB2018")).build())
                .retentionInDays(retentionDays(spec.platform().logRetentionDays()))
                .build(), opts);
        Output<String> sharedKey = OperationalinsightsFunctions.getSharedKeys(GetSharedKeysArgs.builder()
                        .resourceGroupName(group.name()).workspaceName(logs.name()).build())
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
                        .infrastructureSubnetId(network.apps().id())
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
