package io.consoul.infra.spec;

import java.util.Arrays;
import java.util.Optional;

/** The environment, the stack-name suffix ({@code aws-production}); production turns on the safety nets. */
public enum DeployEnvironment {
    DEV("dev", 7), STAGING("staging", 30), PRODUCTION("production", 90);

    private final String key;
    private final int defaultLogRetentionDays;

    DeployEnvironment(String key, int defaultLogRetentionDays) {
        this.key = key;
        this.defaultLogRetentionDays = defaultLogRetentionDays;
    }

    public String key() {
        return key;
    }

    public boolean isProduction() {
        return this == PRODUCTION;
    }

    /** Logs kept a week in dev, a month in staging, a quarter in production. */
    public int defaultLogRetentionDays() {
        return defaultLogRetentionDays;
    }

    public static Optional<DeployEnvironment> fromKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
    }

    static String allowed() {
        return Keys.join(values(), DeployEnvironment::key);
    }
}
