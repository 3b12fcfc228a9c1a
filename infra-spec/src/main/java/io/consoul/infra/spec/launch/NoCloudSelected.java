package io.consoul.infra.spec.launch;

/**
 * What {@code pulumi up} runs when CONSOUL_CLOUD is not set. Without it Maven would run no program at all, and
 * Pulumi would plan to delete every resource of the stack; this stops the run and says what to set.
 */
public final class NoCloudSelected {
    private NoCloudSelected() {
    }

    public static void main(String[] args) {
        String stack = System.getenv().getOrDefault("PULUMI_STACK", "<cloud>-<environment>");
        String cloud = stack.contains("-") ? stack.substring(0, stack.indexOf('-')) : "<cloud>";
        throw new IllegalStateException("CONSOUL_CLOUD is not set, so no Consoul program was selected. Run: "
                + "CONSOUL_CLOUD=" + cloud + " pulumi up --stack " + stack + "   (one of aws, gcp, azure, k8s; see docs/deploying.md)");
    }
}
