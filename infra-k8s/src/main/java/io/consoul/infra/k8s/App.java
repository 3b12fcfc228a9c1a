package io.consoul.infra.k8s;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.CloudProgram;
import io.consoul.infra.spec.DeploymentSpec;

/** Consoul on Kubernetes: {@code CONSOUL_CLOUD=k8s pulumi up --stack k8s-<environment>}. */
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
        CloudProgram.declare(ctx, spec, Cloud.K8S, s -> new ConsoulService(DeploymentSpec.NAME, s).outputs());
    }
}
