package io.consoul.infra.spec;

import java.util.Arrays;
import java.util.Optional;

/**
 * The scaling guide's sizing table (Vertical Scaling, Sizing Recommendations). Limits are the table's vCPU and
 * memory; requests are a quarter of them, which gives the guide's Kubernetes 500m/1Gi under 2000m/4Gi at medium.
 */
public enum Size {
    DEVELOPMENT("development", 500, 1024, 1, 10),
    SMALL("small", 1000, 2048, 2, 50),
    MEDIUM("medium", 2000, 4096, 4, 200),
    LARGE("large", 4000, 8192, 8, 500),
    ENTERPRISE("enterprise", 8000, 16384, 16, 1000);

    /** Requests are this fraction of limits: the guide's 500m of 2000m. */
    private static final int REQUEST_DIVISOR = 4;

    private final String key;
    private final Resources limits;
    private final int workers;
    private final int concurrentSessions;

    Size(String key, int cpuMillis, int memoryMiB, int workers, int concurrentSessions) {
        this.key = key;
        this.limits = new Resources(cpuMillis, memoryMiB);
        this.workers = workers;
        this.concurrentSessions = concurrentSessions;
    }

    public String key() {
        return key;
    }

    /** What one instance may use, and what Fargate, Cloud Run and Container Apps allocate. */
    public Resources limits() {
        return limits;
    }

    /** What the Kubernetes scheduler reserves. */
    public Resources requests() {
        return new Resources(limits.cpuMillis() / REQUEST_DIVISOR, limits.memoryMiB() / REQUEST_DIVISOR);
    }

    public int workers() {
        return workers;
    }

    /** Concurrent sessions one instance of this size serves. */
    public int concurrentSessions() {
        return concurrentSessions;
    }

    public static Optional<Size> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    static String allowed() {
        return Keys.join(values(), Size::key);
    }
}
