package io.consoul.infra.azure;

import com.pulumi.azurenative.authorization.AuthorizationFunctions;
import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentity;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentityArgs;
import com.pulumi.azurenative.resources.AzureCliScript;
import com.pulumi.azurenative.resources.AzureCliScriptArgs;
import com.pulumi.azurenative.resources.inputs.EnvironmentVariableArgs;
import com.pulumi.azurenative.resources.inputs.ManagedServiceIdentityArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Azure CLI deployment scripts (Microsoft.Resources/deploymentScripts), run by Azure in the stack's resource group for
 * what ARM cannot declare: one user-assigned identity, Contributor on the group, shared by every script.
 */
record DeploymentScripts(AzureGroup group, UserAssignedIdentity identity, RoleAssignment grant) {
    /** Built-in "Contributor": the scripts change the group's Container App and run in the group's own storage. */
    static final String CONTRIBUTOR = "b24988ac-6181-4c79-b396-5c9d6d6b1c75";
    static final String AZ_CLI_VERSION = "2.52.0";
    /** Every script starts here: the containerapp commands live in an extension. */
    static final String PRELUDE = String.join("\n",
            "set -eu",
            "az extension add --name containerapp --upgrade --only-show-errors >/dev/null 2>&1 || true",
            "");

    static DeploymentScripts create(String name, AzureGroup group, CustomResourceOptions opts, InvokeOptions invoke) {
        var identity = new UserAssignedIdentity(name + "-revisions", UserAssignedIdentityArgs.builder()
                .resourceGroupName(group.name()).build(), opts);
        Output<String> role = AuthorizationFunctions.getClientConfig(com.pulumi.resources.InvokeArgs.Empty, invoke).applyValue(c ->
                "/subscriptions/" + c.subscriptionId() + "/providers/Microsoft.Authorization/roleDefinitions/" + CONTRIBUTOR);
        var grant = new RoleAssignment(name + "-revisions", RoleAssignmentArgs.builder()
                .scope(group.id())
                .principalId(identity.principalId())
                .principalType("ServicePrincipal")
                .roleDefinitionId(role)
                .build(), opts);
        return new DeploymentScripts(group, identity, grant);
    }

    /**
     * A script ({@code body} starts with {@link #PRELUDE}) that runs again whenever {@code runWhen} changes, after
     * {@code after}.
     * Limits of deployment scripts (https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/deployment-script-template):
     * timeout at most P1D; the container and its storage are kept for retentionInterval, 1 to 26 hours.
     *
     * @param timeout ISO 8601, at most P1D
     */
    AzureCliScript script(String name, Map<String, Output<String>> env, String body, Output<String> runWhen,
                          String timeout, List<Resource> after, CustomResourceOptions opts) {
        List<EnvironmentVariableArgs> variables = new ArrayList<>();
        env.forEach((key, value) -> variables.add(EnvironmentVariableArgs.builder().name(key).value(value).build()));
        List<Resource> dependencies = new ArrayList<>(after);
        dependencies.add(grant);
        return new AzureCliScript(name, AzureCliScriptArgs.builder()
                .kind("AzureCLI")
                .azCliVersion(AZ_CLI_VERSION)
                .resourceGroupName(group.name())
                .location(group.location())
                .identity(ManagedServiceIdentityArgs.builder().type("UserAssigned")
                        .userAssignedIdentities(identity.id().applyValue(List::of)).build())
                .environmentVariables(variables)
                .scriptContent(body)
                .forceUpdateTag(runWhen)
                .timeout(timeout)
                .retentionInterval("PT1H")
                .cleanupPreference("OnSuccess")
                .build(),
                CustomResourceOptions.merge(opts, CustomResourceOptions.builder().dependsOn(dependencies).build()));
    }
}
