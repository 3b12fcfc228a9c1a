package io.consoul.infra.spec;

/**
 * The guide's Recommended Redis Sizes (scaling-guide.md, Capacity Planning, Redis Sizing) — the one table both the
 * stack (sized from the sessions the deployment can hold at its ceiling: sessions per instance of the size times
 * maxReplicas) and {@code consoul capacity} (from the concurrent sessions and the memory estimate) choose from.
 *
 * <p>How the table is read: a row's range includes its upper bound — "1,000 - 10,000" holds 10,000, as
 * "&gt; 100,000" leaves 100,000 to "10,000 - 100,000"; "&lt; 1,000" is the only strict bound. Sizes are the clouds'
 * sizes, which are binary: the guide's "1 GB" is 1 GiB = 1024 MiB (an ElastiCache node, a Memorystore instance's
 * {@code memorySizeGb}, Kubernetes' {@code Mi}). The guide's memory estimate is decimal (10 KB × 10,000 × 2 = 200 MB),
 * so estimates are compared in bytes ({@link #holds(long)}).
 */
public enum RedisTier {
    BASIC_250MB("250 MB (Basic)", 250, 999),
    STANDARD_1GB("1 GB", 1024, 10_000),
    LARGE_6GB("6 GB", 6 * 1024, 100_000),
    CLUSTER_26GB("26 GB+ (Cluster)", 26 * 1024, Long.MAX_VALUE);

    private static final long MIB = 1024L * 1024;

    private final String label;
    private final int memoryMiB;
    private final long maxSessions;

    RedisTier(String label, int memoryMiB, long maxSessions) {
        this.label = label;
        this.memoryMiB = memoryMiB;
        this.maxSessions = maxSessions;
    }

    /** As the guide's table names it: {@code 1 GB}, {@code 26 GB+ (Cluster)}. */
    public String label() {
        return label;
    }

    /** The size in MiB (the guide's "1 GB" is 1024): what the cloud modules provision. */
    public int memoryMb() {
        return memoryMiB;
    }

    /** The most concurrent sessions of this row (inclusive). */
    public long maxSessions() {
        return maxSessions;
    }

    /** Whether an estimate of {@code bytes} fits in this size. */
    public boolean holds(long bytes) {
        return bytes <= memoryMiB * MIB;
    }

    /** The guide's row for this many concurrent sessions. */
    public static RedisTier forSessions(long sessions) {
        return forLoad(sessions, 0);
    }

    /**
     * The guide's row for this many concurrent sessions, moved up a size while the memory estimate ({@code bytes})
     * does not fit in it; the cluster row when nothing holds it.
     */
    public static RedisTier forLoad(long sessions, long bytes) {
        for (RedisTier tier : values()) {
            if (sessions <= tier.maxSessions && tier.holds(bytes)) {
                return tier;
            }
        }
        return CLUSTER_26GB;
    }
}
