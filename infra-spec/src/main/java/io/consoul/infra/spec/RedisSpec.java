package io.consoul.infra.spec;

import java.util.Optional;

/**
 * The shared Redis both colours use, so sessions and rate-limit counters survive a switch.
 *
 * @param mode              managed (the cloud's own, in-cluster on Kubernetes) or external
 * @param url               external only: the Redis URL, a secret
 * @param password          managed only: the auth token / password, a secret
 * @param highAvailability  a replica with automatic failover; default on in production
 * @param tier              the guide's Redis size for the sessions this deployment can hold
 */
public record RedisSpec(RedisMode mode, Optional<SecretValue> url, Optional<SecretValue> password,
                        boolean highAvailability, RedisTier tier) {

    public boolean managed() {
        return mode == RedisMode.MANAGED;
    }
}
