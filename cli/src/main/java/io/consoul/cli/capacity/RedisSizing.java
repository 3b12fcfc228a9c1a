package io.consoul.cli.capacity;

import java.util.List;

/**
 * The guide's Redis sizing: memory = session size × concurrent sessions × safety factor, and the recommended
 * size for the number of concurrent sessions — moved up a size when the memory estimate would not fit in it.
 */
final class RedisSizing {
    /** A recommended size: up to {@code maxSessions} concurrent sessions (exclusive bound above 10,000). */
    record Tier(String label, long memoryMb, long maxSessions) {
    }

    /** The guide's table: < 1,000 → 250 MB; 1,000–10,000 → 1 GB; 10,000–100,000 → 6 GB; more → 26 GB+ cluster. */
    static final List<Tier> TIERS = List.of(
            new Tier("250 MB (Basic)", 250, 999),
            new Tier("1 GB", 1_000, 10_000),
            new Tier("6 GB", 6_000, 100_000),
            new Tier("26 GB+ (Cluster)", 26_000, Long.MAX_VALUE));

    private RedisSizing() {
    }

    /** Megabytes as the guide counts them (10 KB × 10,000 × 2 = 200 MB: 1 MB = 1000 KB). */
    static double memoryMb(double sessionKb, long concurrentSessions, double safety) {
        return sessionKb * concurrentSessions * safety / 1000.0;
    }

    static Tier tier(long concurrentSessions, double memoryMb) {
        for (Tier tier : TIERS) {
            if (concurrentSessions <= tier.maxSessions() && memoryMb <= tier.memoryMb()) {
                return tier;
            }
        }
        return TIERS.get(TIERS.size() - 1);
    }
}
