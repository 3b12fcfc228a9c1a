package io.consoul.infra.spec;

import java.util.Arrays;
import java.util.Optional;

/** The clouds Consoul deploys to; the key is the stack-name prefix ({@code aws-production}). */
public enum Cloud {
    AWS("aws"), GCP("gcp"), AZURE("azure"), K8S("k8s");

    private final String key;

    Cloud(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Cloud Run and Container Apps bill per request and may scale to zero; ECS and Kubernetes keep a warm floor. */
    public boolean allowsScaleToZero() {
        return this == GCP || this == AZURE;
    }

    /**
     * Memorystore and Azure Cache for Redis generate their own AUTH string / access key, so the stack supplies no
     * {@code redisPassword} there.
     */
    public boolean generatesRedisAuth() {
        return this == GCP || this == AZURE;
    }

    /**
     * Cloud Run and Container Apps run each colour as a revision of one service, whose settings (the minimum among
     * them) are fixed when the revision is created; ECS and Kubernetes run each colour as its own service.
     */
    public boolean colorsAreRevisions() {
        return this == GCP || this == AZURE;
    }

    public static Optional<Cloud> fromKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }

    static String allowed() {
        return Keys.join(values(), Cloud::key);
    }
}
