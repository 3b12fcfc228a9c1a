package io.consoul.infra.gcp;

import com.pulumi.core.Output;
import io.consoul.infra.spec.ComponentArgsBuilder;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.Objects;
import java.util.Optional;

/**
 * What a Consoul deployment on Cloud Run is made of: the cloud-neutral {@link DeploymentSpec} (sizes, instances,
 * images, colours, secrets — every default is the scaling guide's, documented there; an existing Redis is the spec's
 * {@code redisMode(EXTERNAL).redisUrl(...)}) plus what a team may already have.
 *
 * @param spec       the deployment; required. Build it with {@link DeploymentSpec#builder()}
 * @param region     the Cloud Run, subnet and Memorystore region; default {@value #DEFAULT_REGION}, the guide's
 * @param network    an existing VPC network (id or self link) that Memorystore peers with and Cloud Run egresses to;
 *                   default: a new network of the stack's own
 * @param subnetwork a subnet of {@code network} in {@code region} for Direct VPC egress; required with {@code network}
 */
public record ConsoulServiceArgs(DeploymentSpec spec, String region, Optional<Output<String>> network,
                                 Optional<Output<String>> subnetwork) {
    /** The scaling guide's region ({@code gcloud run services update ... --region us-central1}). */
    public static final String DEFAULT_REGION = "us-central1";

    public ConsoulServiceArgs {
        ComponentArgsBuilder.requireSpec(spec);
        Objects.requireNonNull(region, "region");
        if (network.isPresent() != subnetwork.isPresent()) {
            throw new IllegalArgumentException("network and subnetwork go together: Cloud Run egresses through a subnet"
                    + " of the network Memorystore peers with; set both, or neither to create them");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends ComponentArgsBuilder<Builder> {
        private String region = DEFAULT_REGION;
        private Output<String> network;
        private Output<String> subnetwork;

        private Builder() {
        }


        /** Default {@value ConsoulServiceArgs#DEFAULT_REGION}. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Use this network and its subnet instead of creating them. */
        public Builder existingNetwork(Output<String> network, Output<String> subnetwork) {
            this.network = network;
            this.subnetwork = subnetwork;
            return this;
        }

        public ConsoulServiceArgs build() {
            return new ConsoulServiceArgs(spec(), region, Optional.ofNullable(network), Optional.ofNullable(subnetwork));
        }
    }
}
