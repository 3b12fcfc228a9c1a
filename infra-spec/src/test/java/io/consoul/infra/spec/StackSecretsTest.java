package io.consoul.infra.spec;

import io.consoul.infra.spec.config.StackFile;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Which secrets a stack needs" is one rule: what {@link StackSecrets} lists is exactly what the spec refuses without. */
class StackSecretsTest {

    @Test
    @DisplayName("apiKeys always; redisUrl with an external Redis; redisPassword with a managed one unless the cloud makes its own auth")
    void theRule() {
        assertEquals(Set.of("apiKeys", "redisUrl"), StackSecrets.required(Optional.of(Cloud.AWS), RedisMode.EXTERNAL));
        assertEquals(Set.of("apiKeys", "redisPassword"), StackSecrets.required(Optional.of(Cloud.AWS), RedisMode.MANAGED));
        assertEquals(Set.of("apiKeys", "redisPassword"), StackSecrets.required(Optional.of(Cloud.K8S), RedisMode.MANAGED));
        assertEquals(Set.of("apiKeys"), StackSecrets.required(Optional.of(Cloud.GCP), RedisMode.MANAGED));
        assertEquals(Set.of("apiKeys"), StackSecrets.required(Optional.of(Cloud.AZURE), RedisMode.MANAGED));
        assertEquals(Set.of("apiKeys", "redisPassword"), StackSecrets.required(Optional.empty(), RedisMode.MANAGED));
    }

    @TestFactory
    @DisplayName("every stack file: with exactly the listed secrets the spec builds; without any one of them it is refused, naming it")
    Stream<DynamicTest> theSpecAgrees() {
        return StackFile.loadAll(SpecFixtures.repositoryRoot()).stream().map(file -> DynamicTest.dynamicTest(file.stackName(), () -> {
            Cloud cloud = StackName.parse(file.stackName()).cloud().orElseThrow();
            RedisMode mode = RedisMode.fromKey(file.config().getOrDefault("consoul:redis", "managed")).orElseThrow();
            Set<String> required = StackSecrets.required(Optional.of(cloud), mode);
            DeploymentSpec spec = DeploymentSpec.fromConfig(file.withSecrets(standIns(required)));
            assertEquals(cloud, spec.cloud());
            for (String key : required) {
                List<String> rest = required.stream().filter(k -> !k.equals(key)).toList();
                InvalidConfigException refused = assertThrows(InvalidConfigException.class,
                        () -> DeploymentSpec.fromConfig(file.withSecrets(standIns(rest))), key);
                assertTrue(refused.problems().stream().anyMatch(p -> p.startsWith("consoul:" + key + " is missing")),
                        key + ": " + refused.problems());
            }
        }));
    }

    private static Map<String, String> standIns(Iterable<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            values.put("consoul:" + key, switch (key) {
                case "redisUrl" -> SpecFixtures.REDIS_URL;
                case "redisPassword" -> SpecFixtures.REDIS_PASSWORD;
                default -> SpecFixtures.API_KEYS;
            });
        }
        return values;
    }
}
