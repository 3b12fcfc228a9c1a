package io.consoul.infra.spec;

/** Graceful shutdown: the app drains in-flight requests for up to 60 s (guide: {@code --graceful-timeout 60}). */
public final class Shutdown {
    /** What the app itself waits for in-flight requests. */
    public static final int GRACEFUL_TIMEOUT_SECONDS = 60;
    /** Pre-stop sleep, so load balancers stop sending before the app stops accepting. */
    public static final int PRE_STOP_SLEEP_SECONDS = 10;
    /**
     * What the platform waits before killing: the pre-stop sleep plus the full drain. Kubernetes
     * terminationGracePeriodSeconds, ECS stopTimeout, and the ALB deregistration delay.
     */
    public static final int TERMINATION_GRACE_SECONDS = PRE_STOP_SLEEP_SECONDS + GRACEFUL_TIMEOUT_SECONDS;

    private Shutdown() {
    }
}
