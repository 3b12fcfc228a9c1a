package io.consoul.infra.spec;

import java.util.Arrays;
import java.util.Optional;

/** Where Redis comes from: the cloud's own (in-cluster on Kubernetes), or an existing one by URL. */
public enum RedisMode {
    MANAGED("managed"), EXTERNAL("external");

    private final String key;

    RedisMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<RedisMode> fromKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    static String allowed() {
        return Keys.join(values(), RedisMode::key);
    }
}
