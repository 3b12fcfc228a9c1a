package io.consoul.infra.gcp;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.CloudProgram;
import io.consoul.infra.spec.DeploymentSpec;

/** Consoul on GCP Cloud Run: {@code CONSOUL_CLOUD=gcp pulumi up --stack gcp-<environment>}. */
public final class App {
    /** The scaling guide's region ({@code gcloud run services update ... --region us-central1}). */
    static final String DEFAULT_REGION = ConsoulServiceArgs.DEFAULT_REGION;

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
        // Cloud Run needs an explicit location; it is the provider's setting (gcp:region), not a Consoul one.
        String region = ctx.config("gcp").get("region").orElse(DEFAULT_REGION);
        CloudProgram.declare(ctx, spec, Cloud.GCP, s -> new ConsoulService(DeploymentSpec.NAME, s, region).outputs());
    }
}
