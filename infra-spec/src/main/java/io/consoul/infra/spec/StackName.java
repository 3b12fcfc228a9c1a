package io.consoul.infra.spec;

import java.util.Optional;

/**
 * The one reading of a stack's name: {@code <cloud>-<environment>} ({@code aws-production}, or fully qualified
 * {@code org/project/aws-production}) gives the defaults of {@code consoul:cloud} and {@code consoul:environment}.
 * The spec, {@code consoul preview/switch} and the launcher that says which program to run all read it here.
 */
public record StackName(Optional<Cloud> cloud, Optional<DeployEnvironment> environment) {

    public static StackName parse(String stackName) {
        String name = shortName(stackName);
        int dash = name.indexOf('-');
        if (dash < 0) {
            return new StackName(Cloud.fromKey(name), Optional.empty());
        }
        return new StackName(Cloud.fromKey(name.substring(0, dash)),
                DeployEnvironment.fromKey(name.substring(dash + 1)));
    }

    /** {@code org/project/aws-production} → {@code aws-production}. */
    private static String shortName(String stackName) {
        return stackName == null ? "" : stackName.substring(stackName.lastIndexOf('/') + 1);
    }
}
