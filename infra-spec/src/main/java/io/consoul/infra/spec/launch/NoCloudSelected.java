package io.consoul.infra.spec.launch;

import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.StackName;

/**
 * What {@code pulumi up} runs when CONSOUL_CLOUD is not set. Without it Maven would run no program at all, and
 * Pulumi would plan to delete every resource of the stack; this stops the run and says what to set.
 */
public final class NoCloudSelected {
    private NoCloudSelected() {
    }

    public static void main(String[] args) {
        String stack = System.getenv().getOrDefault("PULUMI_STACK", "<cloud>-<environment>");
        String cloud = StackName.parse(stack).cloud().map(Cloud::key).orElse("<cloud>");
        throw new IllegalStateException("CONSOUL_CLOUD is not set, so no Consoul program was selected. Run: "
                + "CONSOUL_CLOUD=" + cloud + " pulumi up --stack " + stack + "   (one of aws, gcp, azure, k8s; see docs/deploying.md)");
    }
}
