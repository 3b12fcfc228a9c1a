package io.consoul.local;

import static io.consoul.local.FastFaultScenariosTest.assertRulesHeld;

import io.consoul.local.faults.FaultStack;
import io.consoul.local.faults.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On demand only ({@code -Dlocal.excludedGroups= -Dgroups=slow}): Redis restarts and the Redis Cluster stack.
 * {@code ./local-deploy faults} runs the same scenarios and writes the table.
 */
@Tag("slow")
@ExtendWith(SharedStack.class)
class SlowFaultScenariosTest {

    @Test
    void redisRestartOnOneNodeFailClosed() {
        assertRulesHeld(new Scenarios(SharedStack.get(), false).redisRestart());
    }

    @Test
    void redisClusterRateLimitAndRestartFailOpen() throws Exception {
        Path dir = Files.createTempDirectory("consoul-local-cluster-");
        try (LocalStack cluster = LocalStack.up(FaultStack.options(dir, SharedStack.appJar(), true))) {
            Scenarios scenarios = new Scenarios(cluster, true);
            assertRulesHeld(scenarios.rateLimit());
            assertRulesHeld(scenarios.redisRestart());
        }
    }
}
