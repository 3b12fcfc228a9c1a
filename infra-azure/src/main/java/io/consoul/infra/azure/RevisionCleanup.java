package io.consoul.infra.azure;

import com.pulumi.azurenative.app.ContainerApp;
import com.pulumi.azurenative.authorization.AuthorizationFunctions;
import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentity;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentityArgs;
import com.pulumi.azurenative.resources.AzureCliScript;
import com.pulumi.azurenative.resources.AzureCliScriptArgs;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.inputs.EnvironmentVariableArgs;
import com.pulumi.azurenative.resources.inputs.ManagedServiceIdentityArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;

/**
 * Only the two colours' revisions stay active. In multiple-revision mode Container Apps keeps every revision it ever
 * made active (each running its minimum replicas, billed) until someone deactivates it
 * (https://learn.microsoft.com/en-us/azure/container-apps/revisions). The ARM API has no declarative "active" switch
 * for a revision, so the program declares a deployment script (Microsoft.Resources/deploymentScripts, run by Azure in
 * the resource group) that deactivates every active revision but the two the traffic block names. It re-runs whenever
 * those two change ({@code forceUpdateTag}), after the Container App update that made them.
 */
final class RevisionCleanup {
    /** Built-in "Contributor": the script lists and deactivates revisions and runs in the group's own storage. */
    static final String CONTRIBUTOR = "b24988ac-6181-4c79-b396-5c9d6d6b1c75";
    static final String AZ_CLI_VERSION = "2.52.0";
    /**
     * The script, run by Azure with APP, RG and KEEP (the two revision names, space separated) in its environment.
     * Plain POSIX shell so a test can run it against a stand-in {@code az}.
     */
    static final String SCRIPT = String.join("\n",
            "set -eu",
            "az extension add --name containerapp --upgrade --only-show-errors >/dev/null 2>&1 || true",
            "for rev in $(az containerapp revision list --name \"$APP\" --resource-group \"$RG\""
                    + " --query \"[?properties.active].name\" --output tsv); do",
            "  case \" $KEEP \" in",
            "    *\" $rev \"*) ;;",
            "    *) az containerapp revision deactivate --name \"$APP\" --resource-group \"$RG\" --revision \"$rev\" ;;",
            "  esac",
            "done",
            "");

    private RevisionCleanup() {
    }

    /** @param keep the revisions of the two colours, by full name */
    static AzureCliScript create(String name, ResourceGroup group, ContainerApp app, List<Output<String>> keep,
                                 CustomResourceOptions opts) {
        var identity = new UserAssignedIdentity(name + "-revisions", UserAssignedIdentityArgs.builder()
                .resourceGroupName(group.name()).build(), opts);
        Output<String> role = AuthorizationFunctions.getClientConfig().applyValue(c ->
                "/subscriptions/" + c.subscriptionId() + "/providers/Microsoft.Authorization/roleDefinitions/" + CONTRIBUTOR);
        var grant = new RoleAssignment(name + "-revisions", RoleAssignmentArgs.builder()
                .scope(group.id())
                .principalId(identity.principalId())
                .principalType("ServicePrincipal")
                .roleDefinitionId(role)
                .build(), opts);
        Output<String> keepList = Output.all(keep).applyValue(names -> String.join(" ", names));
        return new AzureCliScript(name + "-revisions", AzureCliScriptArgs.builder()
                .kind("AzureCLI")
                .azCliVersion(AZ_CLI_VERSION)
                .resourceGroupName(group.name())
                .location(group.location())
                .identity(ManagedServiceIdentityArgs.builder().type("UserAssigned")
                        .userAssignedIdentities(identity.id().applyValue(List::of)).build())
                .environmentVariables(
                        EnvironmentVariableArgs.builder().name("APP").value(app.name()).build(),
                        EnvironmentVariableArgs.builder().name("RG").value(group.name()).build(),
                        EnvironmentVariableArgs.builder().name("KEEP").value(keepList).build())
                .scriptContent(SCRIPT)
                .forceUpdateTag(keepList)
                // Limits of deployment scripts (https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/deployment-script-template):
                // timeout at most P1D; the container and its storage are kept for retentionInterval, 1 to 26 hours.
                .timeout("PT10M")
                .retentionInterval("PT1H")
                .cleanupPreference("OnSuccess")
                .build(),
                CustomResourceOptions.merge(opts, CustomResourceOptions.builder().dependsOn(app, grant).build()));
    }
}
