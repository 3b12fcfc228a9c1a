package io.consoul.infra.spec;

/** Zero downtime: never fewer healthy instances than desired during an update (guide: Rolling Update Strategy). */
public final class Rollout {
    /** Kubernetes RollingUpdate maxSurge. */
    public static final String MAX_SURGE = "25%";
    /** Kubernetes RollingUpdate maxUnavailable. */
    public static final int MAX_UNAVAILABLE = 0;
    /** ECS deployment maximum percent: double capacity during an update. */
    public static final int MAXIMUM_PERCENT = 200;
    /** ECS deployment minimum healthy percent: never below current capacity. */
    public static final int MINIMUM_HEALTHY_PERCENT = 100;
    /** Load-balancer checks are ignored this long after a task starts: readiness delay plus two failed periods. */
    public static final int HEALTH_CHECK_GRACE_SECONDS = 60;
    /** PodDisruptionBudget: voluntary evictions never take more than one instance at a time. */
    public static final int MAX_DISRUPTED_INSTANCES = 1;

    private Rollout() {
    }
}
