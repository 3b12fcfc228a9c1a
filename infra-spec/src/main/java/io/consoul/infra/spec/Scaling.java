package io.consoul.infra.spec;

/**
 * Horizontal autoscaling, the guide's numbers as defaults.
 *
 * @param minReplicas             floor, default 2 (0 allowed on Cloud Run and Container Apps)
 * @param maxReplicas             ceiling, default 10
 * @param cpuTargetPercent        target average CPU utilisation, default 70
 * @param memoryTargetPercent     target average memory utilisation, default 80
 * @param concurrency             requests per instance where the platform scales on it, default 80
 * @param scaleInCooldownSeconds  wait after scaling in, default 300
 * @param scaleOutCooldownSeconds wait after scaling out, default 60
 */
public record Scaling(int minReplicas, int maxReplicas, int cpuTargetPercent, int memoryTargetPercent,
                      int concurrency, int scaleInCooldownSeconds, int scaleOutCooldownSeconds) {

    public static final Scaling DEFAULTS = new Scaling(2, 10, 70, 80, 80, 300, 60);
}
