package io.consoul.infra.aws;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.CloudProgram;
import io.consoul.infra.spec.DeploymentSpec;

/** Consoul on AWS ECS Fargate: {@code CONSOUL_CLOUD=aws pulumi up --stack aws-<environment>}. */
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
        CloudProgram.declare(ctx, spec, Cloud.AWS, s -> new ConsoulService(DeploymentSpec.NAME, s).outputs());
    }
}
