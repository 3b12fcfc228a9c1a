package io.consoul.infra.spec;

import io.consoul.infra.spec.limits.ContainerAppsLimits;

/**
 * Graceful shutdown. On SIGTERM the app answers {@code /ready} with 503 for {@link #SHUTDOWN_DELAY_SECONDS} (so load
 * balancers stop sending), then drains in-flight requests and streams for up to the graceful timeout (guide:
 * {@code --graceful-timeout 60}). The platform must wait for all of it before it kills the container.
 */
public final class Shutdown {
    /** What the app waits for in-flight requests, where the platform lets it (guide: 60 s). */
    public static final int GRACEFUL_TIMEOUT_SECONDS = 60;
    /** {@code CONSOUL_SHUTDOWN_DELAY}: {@code /ready} fails this long before the app stops accepting. */
    public static final int SHUTDOWN_DELAY_SECONDS = 5;
    /** Pre-stop sleep (Kubernetes), so endpoints are removed before the app even sees SIGTERM. */
    public static final int PRE_STOP_SLEEP_SECONDS = 10;
    /**
     * What a platform that lets us choose waits before killing: the pre-stop sleep, the shutdown delay and the full
     * drain. Kubernetes terminationGracePeriodSeconds and the ALB deregistration delay.
     */
    public static final int TERMINATION_GRACE_SECONDS = PRE_STOP_SLEEP_SECONDS + SHUTDOWN_DELAY_SECONDS + GRACEFUL_TIMEOUT_SECONDS;
    /** ECS stopTimeout: ECS deregisters the task and waits out the ALB's draining before SIGTERM; then delay + drain. */
    public static final int ECS_STOP_TIMEOUT_SECONDS = SHUTDOWN_DELAY_SECONDS + GRACEFUL_TIMEOUT_SECONDS;

    private Shutdown() {
    }

    /**
     * The app's drain on a cloud: the guide's 60 s, except on Container Apps, whose grace period is fixed at 30 s by
     * the API version azure-native 2.10.0 speaks; there the delay and the drain fit inside it.
     */
    public static int gracefulTimeoutSeconds(Cloud cloud) {
        return cloud == Cloud.AZURE
                ? ContainerAppsLimits.DEFAULT_TERMINATION_GRACE_SECONDS - SHUTDOWN_DELAY_SECONDS
                : GRACEFUL_TIMEOUT_SECONDS;
    }
}
