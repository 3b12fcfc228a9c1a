package io.consoul.infra.spec;

/** The container's ports, the same on every cloud. */
public final class Ports {
    /** The API, the only port a load balancer forwards to. */
    public static final int APP = 8000;
    /** Prometheus metrics: scraped from inside the network, never published. */
    public static final int METRICS = 9090;
    /** Redis, managed or in-cluster. */
    public static final int REDIS = 6379;
    /** What the public load balancer listens on. */
    public static final int HTTP = 80;
    public static final int HTTPS = 443;
    /** The preview (idle colour) listener, for smoke tests before a switch. */
    public static final int PREVIEW_HTTP = 8080;
    public static final int PREVIEW_HTTPS = 8443;

    private Ports() {
    }
}
