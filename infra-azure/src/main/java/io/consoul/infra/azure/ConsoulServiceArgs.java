package io.consoul.infra.azure;

import com.pulumi.core.Output;
import io.consoul.infra.spec.ComponentArgsBuilder;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.Optional;

/**
 * What a Consoul deployment on Azure Container Apps is made of: the cloud-neutral {@link DeploymentSpec} (sizes,
 * replicas, images, colours, Redis, secrets — every default is the scaling guide's, documented there) plus what a
 * team may already have. Each field left empty means the component creates that part itself.
 *
 * @param spec              the deployment; required. Build it with {@link DeploymentSpec#builder()}
 * @param resourceGroupName an existing resource group for everything; default: a new one tagged {@code app=consoul}
 * @param environmentId     an existing Container Apps managed environment (read, never changed); default: a new one
 *                          with a Log Analytics workspace, on {@code appsSubnetId}, zone-redundant in production
 * @param vnetId            an existing VNet; default: a new {@code 10.20.0.0/16} VNet
 * @param appsSubnetId      the VNet's subnet for the environment (a /23 or larger, delegated as the environment
 *                          requires); required with {@code vnetId}
 * @param endpointsSubnetId the VNet's subnet for Redis's private endpoint; required with {@code vnetId}
 */
public record ConsoulServiceArgs(DeploymentSpec spec, Optional<Output<String>> resourceGroupName,
                                 Optional<Output<String>> environmentId, Optional<Output<String>> vnetId,
                                 Optional<Output<String>> appsSubnetId, Optional<Output<String>> endpointsSubnetId) {

    public ConsoulServiceArgs {
        ComponentArgsBuilder.requireSpec(spec);
        if (vnetId.isPresent() != appsSubnetId.isPresent() || vnetId.isPresent() != endpointsSubnetId.isPresent()) {
            throw new IllegalArgumentException("vnetId, appsSubnetId and endpointsSubnetId go together: set all three,"
                    + " or none to create the VNet");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends ComponentArgsBuilder<Builder> {
        private Output<String> resourceGroupName;
        private Output<String> environmentId;
        private Output<String> vnetId;
        private Output<String> appsSubnetId;
        private Output<String> endpointsSubnetId;

        private Builder() {
        }


        /** Put everything in this resource group instead of a new one. */
        public Builder resourceGroupName(Output<String> name) {
            this.resourceGroupName = name;
            return this;
        }

        /** Run the Container App in this managed environment instead of a new one. */
        public Builder environmentId(Output<String> id) {
            this.environmentId = id;
            return this;
        }

        /** Use this VNet: the environment's subnet and the subnet for Redis's private endpoint. */
        public Builder existingVnet(Output<String> vnetId, Output<String> appsSubnetId, Output<String> endpointsSubnetId) {
            this.vnetId = vnetId;
            this.appsSubnetId = appsSubnetId;
            this.endpointsSubnetId = endpointsSubnetId;
            return this;
        }

        public ConsoulServiceArgs build() {
            return new ConsoulServiceArgs(spec(), Optional.ofNullable(resourceGroupName), Optional.ofNullable(environmentId),
                    Optional.ofNullable(vnetId), Optional.ofNullable(appsSubnetId), Optional.ofNullable(endpointsSubnetId));
        }
    }
}
