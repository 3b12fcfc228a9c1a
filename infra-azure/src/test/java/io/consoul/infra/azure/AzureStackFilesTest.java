package io.consoul.infra.azure;

import io.consoul.infra.spec.config.StackFile;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.mock.MockStack;
import io.consoul.infra.spec.mock.StackRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(180)
class AzureStackFilesTest {

    @TestFactory
    @DisplayName("every Azure stack file runs App::stack under mocks without error, config read as `pulumi up` hands it")
    Stream<DynamicTest> everyStackFileRuns() {
        var files = SpecFixtures.stackFiles("azure");
        assertEquals(3, files.size(), "azure-dev, azure-staging, azure-production");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.stackName() + " runs", () -> {
            StackRun run = runWithConfig(file);
            run.requireSuccess();
            assertFalse(run.resources().isEmpty());
        }));
    }

    @Test
    @DisplayName("invalid config fails before any resource is declared, naming key, value and what is allowed")
    void invalidConfigFailsBeforeAnyResource() {
        StackFile file = SpecFixtures.stackFiles("azure").get(0);
        Map<String, String> config = config(file);
        config.put("consoul:minReplicas", "12");
        config.put("consoul:maxReplicas", "10");
        StackRun run = MockStack.runWithConfig(file.stackName(), config, Set(), App::stack);
        assertFalse(run.succeeded());
        assertTrue(run.resources().isEmpty(), "no resource may be declared: " + run.resources());
        assertTrue(run.errorText().contains("consoul:minReplicas = 12 is greater than consoul:maxReplicas = 10"), run.errorText());
    }

    @Test
    @DisplayName("an AWS stack is refused by the Azure program instead of replacing its resources")
    void wrongCloudIsRefused() {
        StackFile file = SpecFixtures.stackFiles("aws").get(0);
        StackRun run = MockStack.runWithConfig(file.stackName(), config(file), Set(), App::stack);
        assertFalse(run.succeeded());
        assertTrue(run.resources().isEmpty());
        assertTrue(run.errorText().contains("consoul:cloud = aws but this is the azure program"), run.errorText());
    }

    static StackRun runWithConfig(StackFile file) {
        Map<String, String> secrets = SpecFixtures.secretStandIns(file);
        return MockStack.runWithConfig(file.stackName(), config(file), secrets.keySet(), App::stack);
    }

    static Map<String, String> config(StackFile file) {
        Map<String, String> config = new HashMap<>(file.config());
        config.putAll(SpecFixtures.secretStandIns(file));
        return config;
    }

    private static java.util.Set<String> Set() {
        return java.util.Set.of();
    }
}
