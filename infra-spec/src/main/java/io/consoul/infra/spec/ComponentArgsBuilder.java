package io.consoul.infra.spec;

import java.util.Objects;

/**
 * The part of every cloud's {@code ConsoulServiceArgs.Builder} that is not cloud-specific: the deployment itself.
 * Each cloud's builder adds what a team may bring of its own (a VPC, a resource group, a namespace).
 *
 * @param <B> the cloud's builder, so chained calls keep its type
 */
public abstract class ComponentArgsBuilder<B extends ComponentArgsBuilder<B>> {
    private DeploymentSpec spec;

    protected ComponentArgsBuilder() {
    }

    /**
     * The deployment: images, size, replicas, Redis, secrets, domain; required. Build it with
     * {@link DeploymentSpec#builder()}; every value left unset takes the scaling guide's default, documented on
     * {@link DeploymentSpec}.
     */
    @SuppressWarnings("unchecked")
    public B spec(DeploymentSpec spec) {
        this.spec = spec;
        return (B) this;
    }

    protected DeploymentSpec spec() {
        return spec;
    }

    /** For the args' constructor: the one field every cloud requires. */
    public static DeploymentSpec requireSpec(DeploymentSpec spec) {
        return Objects.requireNonNull(spec, "spec is required: ConsoulServiceArgs.builder().spec(DeploymentSpec.builder()...build())");
    }
}
