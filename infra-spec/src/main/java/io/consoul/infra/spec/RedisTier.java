package io.consoul.infra.spec;

/**
 * The guide's Recommended Redis Sizes, chosen from the sessions the deployment can hold at its ceiling
 * (sessions per instance of the size times maxReplicas).
 */
public enum RedisTier {
    BASIC_250MB(250, 1_000),
    STANDARD_1GB(1024, 10_000),
    LARGE_6GB(6 * 1024, 100_000),
    CLUSTER_26GB(26 * 1024, Integer.MAX_VALUE);

    private final int memoryMb;
    private final int maxSessions;

    RedisTier(int memoryMb, int maxSessions) {
        this.memoryMb = memoryMb;
        this.maxSessions = maxSessions;
    }

    public int memoryMb() {
        return memoryMb;
    }

    /** The smallest tier whose range holds this many concurrent sessions. */
    public static RedisTier forSessions(long sessions) {
        for (RedisTier tier : values()) {
            if (sessions < tier.maxSessions) {
                return tier;
            }
        }
        return CLUSTER_26GB;
    }
}
