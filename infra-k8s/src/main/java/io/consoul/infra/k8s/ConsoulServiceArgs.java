package io.consoul.infra.k8s;

import com.pulumi.core.Output;
import io.consoul.infra.spec.ComponentArgsBuilder;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.Optional;

/**
 * What a Consoul deployment on Kubernetes is made of: the cloud-neutral {@link DeploymentSpec} (sizes, replicas,
 * images, colours, secrets, Service type, domain and ClusterIssuer — every default is the scaling guide's, documented
 * there; an external Redis is the spec's {@code redisMode(EXTERNAL).redisUrl(...)}, else Redis runs in the
 * namespace) plus what a team may already have. The cluster is the provider's: pass a {@code kubernetes.Provider}
 * (a kubeconfig, a context) in the component's options and every child uses it.
 *
 * @param spec      the deployment; required. Build it with {@link DeploymentSpec#builder()}
 * @param namespace an existing namespace to deploy into (not created, never deleted); default: the component creates
 *                  the spec's namespace, {@code consoul-<environment>}
 */
public record ConsoulServiceArgs(DeploymentSpec spec, Optional<Output<String>> namespace) {

    public ConsoulServiceArgs {
        ComponentArgsBuilder.requireSpec(spec);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends ComponentArgsBuilder<Builder> {
        private Output<String> namespace;

        private Builder() {
        }


        /** Deploy into this existing namespace instead of creating one. */
        public Builder existingNamespace(Output<String> namespace) {
            this.namespace = namespace;
            return this;
        }

        public ConsoulServiceArgs build() {
            return new ConsoulServiceArgs(spec(), Optional.ofNullable(namespace));
        }
    }
}
