package io.consoul.redis;

/**
 * Whether every configured Redis answers. {@link #check()} pings now (readiness probes);
 * {@link #lastKnownUp()} is the background check's result (the gauge, the fallback decision).
 */
public final class RedisHealth {
    private final RedisEndpoints endpoints;
    private volatile boolean up;

    RedisHealth(RedisEndpoints endpoints) {
        this.endpoints = endpoints;
        this.up = !endpoints.configured();
    }

    public boolean configured() {
        return endpoints.configured();
    }

    public boolean check() {
        up = endpoints.all().stream().allMatch(RedisEndpoint::ping);
        return up;
    }

    public boolean lastKnownUp() {
        return up;
    }
}
