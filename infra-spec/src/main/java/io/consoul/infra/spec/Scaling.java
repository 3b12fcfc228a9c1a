package io.consoul.infra.spec;

import java.util.EnumMap;
import java.util.Map;

/**
 * Horizontal autoscaling, the guide's numbers as defaults. There is no memory target: a JVM keeps the heap it has
 * grown (up to {@code MaxRAMPercentage=75} of the limit), so a memory target is either breached for good (Kubernetes
 * measures it against the request, a quarter of the limit) or never agrees to scale in (ECS). See docs/deploying.md.
 *
 * @param minReplicas             floor of each colour, default 2 (0 allowed on Cloud Run and Container Apps)
 * @param maxReplicas             ceiling, default 10
 * @param cpuTargetPercent        target average CPU utilisation, default 70
 * @param concurrency             requests per instance where the platform scales on it, default 80 (1 on Cloud Run
 *                                below 1 vCPU, the only value it allows there)
 * @param scaleInCooldownSeconds  wait after scaling in, default 300
 * @param scaleOutCooldownSeconds wait after scaling out, default 60
 * @param colorMinReplicas        {@code blueMinReplicas} / {@code greenMinReplicas}: one colour's floor instead of
 *                                {@code minReplicas}, set by the pre-scaled switch (docs/cli.md)
 * @param scaleDownDelaySeconds   {@code scaleDownDelay}: how long the former live colour keeps its capacity after a
 *                                switch, default 600; read by {@code consoul switch}, validated here
 */
public record Scaling(int minReplicas, int maxReplicas, int cpuTargetPercent, int concurrency,
                      int scaleInCooldownSeconds, int scaleOutCooldownSeconds, Map<Color, Integer> colorMinReplicas,
                      int scaleDownDelaySeconds) {

    /** The scale-down delay when the stack sets none: ten minutes, as Argo Rollouts' default scaleDownDelaySeconds. */
    public static final int DEFAULT_SCALE_DOWN_DELAY_SECONDS = 600;

    public static final Scaling DEFAULTS = new Scaling(2, 10, 70, 80, 300, 60);

    public Scaling {
        colorMinReplicas = Map.copyOf(colorMinReplicas.isEmpty() ? Map.of() : new EnumMap<>(colorMinReplicas));
    }

    /** Without per-colour floors, with the default scale-down delay. */
    public Scaling(int minReplicas, int maxReplicas, int cpuTargetPercent, int concurrency,
                   int scaleInCooldownSeconds, int scaleOutCooldownSeconds) {
        this(minReplicas, maxReplicas, cpuTargetPercent, concurrency, scaleInCooldownSeconds, scaleOutCooldownSeconds,
                Map.of(), DEFAULT_SCALE_DOWN_DELAY_SECONDS);
    }

    /** One colour's floor: its own override, else {@code minReplicas}. */
    public int minReplicas(Color color) {
        return colorMinReplicas.getOrDefault(color, minReplicas);
    }
}
