package io.consoul.infra.spec;

/** The guide's health checks (Load Balancer Health Checks; Zero-Downtime Deployments, Health Check Requirements). */
public final class HealthChecks {
    /** Liveness {@code /health}: the load balancer's check, 30 s / 10 s / 2 healthy / 3 unhealthy, after 10 s. */
    public static final Probe LIVENESS = new Probe("/health", 10, 30, 10, 2, 3);
    /**
     * Readiness {@code /ready}: after 5 s, every 10 s, 3 failures take the instance out of rotation. The guide sets
     * no timeout; 5 s keeps a check inside its 10 s period.
     */
    public static final Probe READINESS = new Probe("/ready", 5, 10, 5, 1, 3);

    /**
     * Startup {@code /ready} (Cloud Run, which has no readiness probe): {@code /ready} pings Redis, an egress
     * destination, as Google advises for Direct VPC egress, whose connections "might take a minute or more" at instance
     * start (https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#limitations). 24 checks 10 s apart give it
     * 240 s, Cloud Run's longest startup window (failureThreshold × periodSeconds).
     */
    public static final Probe STARTUP = new Probe("/ready", 5, 10, 5, 1, 24);

    private HealthChecks() {
    }
}
