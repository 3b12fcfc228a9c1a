package io.consoul.cli.switching;

/**
 * A colour's instances as the platform counts them now — not the configured minimum. One small class per cloud
 * ({@link EcsCapacity}, {@link KubernetesCapacity}, {@link ContainerAppsCapacity}, {@link CloudRunCapacity}) and the
 * local deployment; docs/cli.md says where each reads its numbers.
 */
interface PlatformCapacity {
    /** Instances the colour runs now (what the autoscaler has brought it to). */
    int running(String colour);

    /** Of those, the ones ready to take traffic. */
    int ready(String colour);

    /** Where the numbers come from, for the step lines: {@code ECS runningCount, healthy targets}. */
    String source();
}
