package io.consoul.infra.spec;

/**
 * One HTTP check of the container.
 *
 * @param path                where the check asks
 * @param initialDelaySeconds how long after start the first check waits
 * @param periodSeconds       time between checks
 * @param timeoutSeconds      how long one check may take
 * @param healthyThreshold    consecutive successes before a target counts as healthy (load balancers; Kubernetes
 *                            requires 1 for liveness)
 * @param unhealthyThreshold  consecutive failures before it counts as unhealthy
 */
public record Probe(String path, int initialDelaySeconds, int periodSeconds, int timeoutSeconds,
                    int healthyThreshold, int unhealthyThreshold) {
}
