package io.consoul.local;

/**
 * One app process of the local stack: {@code blue-1} on its own API and metrics ports.
 *
 * @param pid the JVM's process id, 0 while stopped
 */
public record Instance(String name, Color color, int port, int metricsPort, long pid) {
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + metricsPort + "/metrics";
    }

    /** {@code blue-3}: the colour and the HAProxy server slot. */
    static String name(Color color, int slot) {
        return color.label() + "-" + slot;
    }

    int slot() {
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    }

    Instance withPid(long newPid) {
        return new Instance(name, color, port, metricsPort, newPid);
    }
}
