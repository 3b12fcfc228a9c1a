package io.consoul.infra.azure;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.CloudProgram;
import io.consoul.infra.spec.DeploymentSpec;

/**
 * Consoul on Azure Container Apps: {@code CONSOUL_CLOUD=azure pulumi up --stack azure-<environment>}. The region is
 * the provider's {@code azure-native:location}; every resource follows its resource group.
 */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    /** Reads the stack's config once, then declares the stack. */
    public static void stack(Context ctx) {
        stack(ctx, DeploymentSpec.fromConfig(ctx));
    }

    /** Declares the stack for a spec built elsewhere (tests, {@code consoul preview}). */
    public static void stack(Context ctx, DeploymentSpec spec) {
        CloudProgram.declare(ctx, spec, Cloud.AZURE, s -> new ConsoulService(DeploymentSpec.NAME, s).outputs());
    }
}
