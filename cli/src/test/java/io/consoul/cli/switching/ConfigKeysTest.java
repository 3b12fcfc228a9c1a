package io.consoul.cli.switching;

import io.consoul.cli.Cli;
import io.consoul.cli.StackConfig;
import io.consoul.infra.spec.Color;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The keys the switch reads and writes in the stack's config are keys the spec knows, so the program accepts them. */
class ConfigKeysTest {

    @Test
    @DisplayName("every consoul: key the switch reads or writes passes the spec's unknown-key rule on a shipped stack")
    void switchKeysAreKnownToTheSpec() {
        StackConfig config = StackConfig.load(Cli.repositoryRoot().resolve("Pulumi.aws-production.yaml"))
                .with(ConfigKeys.ACTIVE_COLOR, "green")
                .with(ConfigKeys.SCALE_DOWN_DELAY, "10m")
                .with(ConfigKeys.minReplicas("blue"), "3")
                .with(ConfigKeys.minReplicas("green"), "3");
        assertEquals(Color.GREEN, config.spec().activeColor());
    }
}
