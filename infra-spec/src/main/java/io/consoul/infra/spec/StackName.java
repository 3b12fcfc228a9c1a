package io.consoul.infra.spec;

import java.util.Optional;

/** A stack named {@code <cloud>-<environment>} ({@code aws-production}) gives the defaults of both keys. */
record StackName(Optional<Cloud> cloud, Optional<DeployEnvironment> environment) {

    static StackName parse(String stackName) {
        String name = stackName == null ? "" : stackName.substring(stackName.lastIndexOf('/') + 1);
        int dash = name.indexOf('-');
        if (dash < 0) {
            return new StackName(Cloud.fromKey(name), Optional.empty());
        }
        return new StackName(Cloud.fromKey(name.substring(0, dash)),
                DeployEnvironment.fromKey(name.substring(dash + 1)));
    }
}
