package io.consoul.local.faults;

import io.consoul.local.StackOptions;
import java.nio.file.Path;

/**
 * How the fault suite configures a local stack: two API keys, one for the steady load (a limit it never reaches,
 * so a 429 there would be a bug) and one on a tight tier for the rate-limit scenario (20 per rolling 10 s,
 * short enough to see two windows in a bounded run).
 */
public final class FaultStack {
    public static final String LOAD_KEY = "sk-fault-load-0001";
    public static final String TIGHT_KEY = "sk-fault-tight-0001";
    /** Another key of the tight tier, for checks that must not spend {@link #TIGHT_KEY}'s window (each key has its own). */
    public static final String SPARE_TIGHT_KEY = "sk-fault-tight-0002";
    public static final int TIGHT_LIMIT = 20;
    public static final int TIGHT_WINDOW_SECONDS = 10;

    private FaultStack() {
    }

    /** Single Redis node, fail-closed limiter (the contract's default); or the three-master cluster, fail-open. */
    public static StackOptions options(Path workDir, Path appJar, boolean cluster) {
        return StackOptions.builder(workDir, appJar)
                .cluster(cluster)
                .env("CONSOUL_API_KEYS", LOAD_KEY + "," + TIGHT_KEY + "," + SPARE_TIGHT_KEY)
                .env("CONSOUL_RATE_LIMIT", "1000000/minute")
                .env("CONSOUL_RATE_LIMIT_TIERS", "{\"tight\":\"" + TIGHT_LIMIT + "/" + TIGHT_WINDOW_SECONDS + " seconds\"}")
                .env("CONSOUL_API_KEY_TIERS", "{\"sk-fault-tight-*\":\"tight\"}")
                .env("CONSOUL_RATE_LIMIT_FAIL_OPEN", Boolean.toString(cluster))
                .build();
    }

    public static String describe(boolean cluster) {
        return cluster ? "cluster, fail-open" : "single, fail-closed";
    }
}
