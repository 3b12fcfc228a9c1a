package io.consoul.infra.spec;

import com.pulumi.Context;
import java.util.function.Function;

/**
 * What every cloud's program does once the spec is read, written once: refuse a stack that belongs to another cloud
 * (before any resource is declared), declare the cloud's one component, export the outputs every cloud shares.
 */
public final class CloudProgram {
    private CloudProgram() {
    }

    /** @param component builds the cloud's component resource for the spec and returns its outputs */
    public static void declare(Context ctx, DeploymentSpec spec, Cloud cloud, Function<DeploymentSpec, StackOutputs> component) {
        spec.requireCloud(cloud);
        component.apply(spec).export(ctx, spec);
    }
}
