package io.consoul.cli.switching;

import io.consoul.infra.spec.Cloud;

import java.util.Map;
import java.util.Optional;

/**
 * What the switch asks of a deployed stack; {@link PulumiStack} does it through the Automation API, {@link LocalGateway}
 * on the local deployment.
 */
interface StackGateway {
    /** The stack's outputs as strings ({@code url}, {@code previewUrl}, {@code activeColor}, …). */
    Map<String, String> outputs();

    /** {@code pulumi config get <key>}; empty when the key is not set. */
    Optional<String> config(String key);

    /** {@code pulumi config set <key> <value>}. */
    void setConfig(String key, String value);

    /** {@code pulumi config rm <key>}; nothing when it is not set. */
    void removeConfig(String key);

    /** {@code pulumi up}: applies the config (routing, per-colour minimums); both colours keep running. */
    void up();

    /** What {@link #up()} is called in the step lines. */
    default String update() {
        return "pulumi up";
    }

    /** The cloud whose program {@link #up()} runs; empty for the local deployment (a colour is a set of processes). */
    Optional<Cloud> cloud();

    /** How many instances each colour runs and how many are ready, read from the platform. */
    PlatformCapacity capacity();
}
