package io.consoul.cli.switching;

/** The stack config keys the switch reads and writes (the spec's names; docs/deployment-spec.md). */
final class ConfigKeys {
    static final String ACTIVE_COLOR = "consoul:activeColor";
    static final String SCALE_DOWN_DELAY = "consoul:scaleDownDelay";

    private ConfigKeys() {
    }

    /** {@code consoul:blueMinReplicas}: overrides minReplicas for that colour only. */
    static String minReplicas(String colour) {
        return "consoul:" + colour + "MinReplicas";
    }

    /** {@code consoul:blueImage}: the image the next update deploys for that colour. */
    static String image(String colour) {
        return "consoul:" + colour + "Image";
    }
}
