package io.consoul.infra.azure;

import com.pulumi.azurenative.app.ContainerApp;
import com.pulumi.azurenative.resources.AzureCliScript;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Only the two colours' revisions stay active. In multiple-revision mode Container Apps keeps every revision it ever
 * made active (each running its minimum replicas, billed) until someone deactivates it
 * (https://learn.microsoft.com/en-us/azure/container-apps/revisions). The ARM API has no declarative "active" switch
 * for a revision, so the program declares a deployment script that deactivates every active revision but the two the
 * traffic block names. It re-runs whenever those two change ({@code forceUpdateTag}), after the Container App update
 * that made them.
 */
final class RevisionCleanup {
    /**
     * The script, run by Azure with APP, RG and KEEP (the two revision names, space separated) in its environment.
     * Plain POSIX shell so a test can run it against a stand-in {@code az}.
     */
    static final String SCRIPT = DeploymentScripts.PRELUDE + String.join("\n",
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
    static AzureCliScript create(String name, DeploymentScripts scripts, AzureGroup group, ContainerApp app,
                                 List<Output<String>> keep, CustomResourceOptions opts) {
        Output<String> keepList = Output.all(keep).applyValue(names -> String.join(" ", names));
        Map<String, Output<String>> env = new LinkedHashMap<>();
        env.put("APP", app.name());
        env.put("RG", group.name());
        env.put("KEEP", keepList);
        return scripts.script(name + "-revisions", env, SCRIPT, keepList, "PT10M", List.of(app), opts);
    }
}
