package io.consoul.infra.spec;

import io.consoul.infra.spec.config.StackFile;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackFilesTest {
    private static final List<StackFile> FILES = StackFile.loadAll(SpecFixtures.repositoryRoot());

    @TestFactory
    @DisplayName("every stack file in the repository reads into a valid spec of the cloud its name says")
    Stream<DynamicTest> everyStackFileIsValid() {
        assertFalse(FILES.isEmpty(), "no Pulumi.<stack>.yaml found");
        return FILES.stream().map(file -> DynamicTest.dynamicTest(file.stackName() + " is a valid spec", () -> {
            DeploymentSpec spec = SpecFixtures.fromStackFile(file);
            assertTrue(file.stackName().startsWith(spec.cloud().key() + "-"));
            assertTrue(file.stackName().endsWith("-" + spec.environment().key()));
            // What the file says, read as the spec: not just that it reads.
            var config = file.config();
            assertEquals(config.getOrDefault("consoul:size", "medium"), spec.size().key());
            assertEquals(Integer.parseInt(config.getOrDefault("consoul:minReplicas", "2")), spec.scaling().minReplicas());
            assertEquals(Integer.parseInt(config.getOrDefault("consoul:maxReplicas", "10")), spec.scaling().maxReplicas());
            assertEquals(config.getOrDefault("consoul:activeColor", "blue"), spec.activeColor().key());
            assertEquals(config.getOrDefault("consoul:redis", "managed"), spec.redis().mode().key());
            assertEquals(RedisTier.forSessions((long) spec.size().concurrentSessions() * spec.scaling().maxReplicas()),
                    spec.redis().tier(), "the guide's Redis size for the sessions the stack can hold");
        }));
    }

    @TestFactory
    @DisplayName("no stack file holds a secret in plain text")
    Stream<DynamicTest> noPlainSecrets() {
        Stream<String> secretKeys = Stream.concat(Stream.of(AppSecret.values()).map(AppSecret::configKey),
                Stream.of("redisUrl", "redisPassword"));
        List<String> keys = secretKeys.map(k -> "consoul:" + k).toList();
        return FILES.stream().map(file -> DynamicTest.dynamicTest(file.stackName() + " has no plain secret", () ->
                keys.forEach(key -> assertFalse(file.config().containsKey(key), key + " in " + file.stackName()))));
    }

    @Test
    @DisplayName("environments differ as real ones do: production is larger and failover-protected (HTTPS comes with its domain: PreviewTest.productionOnTheDomain)")
    void environmentsDiffer() {
        DeploymentSpec dev = SpecFixtures.fromStackFile(file("aws-dev"));
        DeploymentSpec production = SpecFixtures.fromStackFile(file("aws-production"));
        assertNotEquals(dev.size(), production.size());
        assertTrue(dev.scaling().maxReplicas() < production.scaling().maxReplicas());
        assertFalse(dev.redis().highAvailability());
        assertTrue(production.redis().highAvailability());
        assertFalse(dev.platform().deletionProtection());
        assertTrue(production.platform().deletionProtection());
        assertEquals(RedisMode.EXTERNAL, SpecFixtures.fromStackFile(file("k8s-production")).redis().mode());
    }

    private static StackFile file(String stack) {
        return FILES.stream().filter(f -> f.stackName().equals(stack)).findFirst().orElseThrow();
    }
}
