package io.consoul.infra.spec;

/**
 * Horizontal autoscaling, the guide's numbers as defaults. There is no memory target: a JVM keeps the heap it has
 * grown (up to {@code MaxRAMPercentage=75} of the limit), so a memory target is either breached for good (Kubernetes
 * measures it against the request, a quarter of the limit) or never agrees to scale in (ECS). See docs/deploying.md.
 *
 * @param minReplicas             floor, default 2 (0 allowed on Cloud Run and Container Apps)
 * @param maxReplicas             ceiling, default 10
 * @param cpuTargetPercent        target average CPU utilisation, default 70
 * @param concurrency             requests per instance where the platform scales on it, default 80 (1 on Cloud Run
 *                                below 1 vCPU, the only value it allows there)
 * @param scaleInCooldownSeconds  wait after scaling in, default 300
 * @param scaleOutCooldownSeconds wait after scaling out, default 60
 */
public record Scaling(int minReplicas, int maxReplicas, int cpuTargetPercent, int concurrency,
                      int scaleInCooldownSeconds, int scaleOutCooldownSeconds) {

    public static final Scaling DEFAULTS = new Scaling(2, 10, 70, 80, 300, 60);
}
