package io.consoul.infra.spec;

import com.pulumi.core.Output;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.mock.MockStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What GCP and Azure add to the spec: public access by config, and Redis passwords their clouds generate. */
@Timeout(30)
class ServerlessCloudsSpecTest {

    private static DeploymentSpec read(String stack, Map<String, String> overrides) {
        Map<String, String> config = SpecFixtures.config();
        config.putAll(overrides);
        config.values().removeIf(v -> v.equals("<unset>"));
        return DeploymentSpec.fromConfig(SpecFixtures.source(stack, config));
    }

    @Test
    @DisplayName("public invocation is off unless the stack turns it on")
    void publicAccessOnlyWhenSaid() {
        assertFalse(read("gcp-dev", Map.of()).platform().allowPublicAccess());
        assertTrue(read("gcp-dev", Map.of("consoul:allowPublicAccess", "true")).platform().allowPublicAccess());
        var e = assertThrows(InvalidConfigException.class,
                () -> read("gcp-dev", Map.of("consoul:allowPublicAccess", "yes")));
        assertTrue(e.getMessage().contains("consoul:allowPublicAccess = 'yes' is not allowed: allowed true, false"));
    }

    @Test
    @DisplayName("gcp and azure need no redisPassword (their Redis generates one); aws and k8s still do")
    void redisPasswordOnlyWhereTheStackSetsIt() {
        assertTrue(read("azure-staging", Map.of("consoul:redisPassword", "<unset>")).redis().managed());
        assertTrue(read("gcp-staging", Map.of("consoul:redisPassword", "<unset>")).redis().managed());
        var e = assertThrows(InvalidConfigException.class,
                () -> read("aws-staging", Map.of("consoul:redisPassword", "<unset>")));
        assertTrue(e.getMessage().contains("consoul:redisPassword is missing"));
    }

    @Test
    @DisplayName("a generated Redis password reaches both URLs as a secret, sessions db 1 and rate limits db 0")
    void generatedPasswordUrls() {
        DeploymentSpec spec = read("azure-staging", Map.of("consoul:redisPassword", "<unset>"));
        var env = spec.secretEnv(Output.of("r.redis.cache.windows.net"), Output.of(6380), Output.ofSecret("k+y="), true);
        assertEquals("rediss://:k%2By%3D@r.redis.cache.windows.net:6380/1",
                MockStack.resolve(env.get(RedisEnv.SESSION_URL)));
        assertEquals("rediss://:k%2By%3D@r.redis.cache.windows.net:6380/0",
                MockStack.resolve(env.get(RedisEnv.RATE_LIMIT_URL)));
        env.values().forEach(v -> assertTrue(MockStack.isSecret(v)));
    }
}
