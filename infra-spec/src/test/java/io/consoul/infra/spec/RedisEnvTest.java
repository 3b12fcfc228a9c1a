package io.consoul.infra.spec;

import com.pulumi.core.Output;
import io.consoul.infra.spec.mock.MockStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class RedisEnvTest {

    @Test
    @DisplayName("sessions use Redis db 1 and rate limits db 0 of the same Redis, over TLS when offered")
    void sessionsDbOneRateLimitsDbZero() {
        Map<String, Output<String>> env = RedisEnv.forEndpoint(Output.of("redis.internal"), Output.of(6379),
                new SecretValue("pa ss"), true);
        assertEquals("rediss://:pa+ss@redis.internal:6379/1", MockStack.resolve(env.get("CONSOUL_SESSION_REDIS_URL")));
        assertEquals("rediss://:pa+ss@redis.internal:6379/0", MockStack.resolve(env.get("CONSOUL_RATE_LIMIT_REDIS_URL")));
    }

    @Test
    @DisplayName("the Redis URLs carry the password, so they are Pulumi secrets")
    void urlsAreSecrets() {
        RedisEnv.forEndpoint(Output.of("h"), Output.of(6379), new SecretValue("p"), false)
                .values().forEach(url -> assertTrue(MockStack.isSecret(url)));
        RedisEnv.forUrl(new SecretValue("redis://h:6379")).values()
                .forEach(url -> assertTrue(MockStack.isSecret(url)));
    }

    @Test
    @DisplayName("an external URL keeps host, password and query; only the database changes")
    void externalUrlOnlyDatabaseChanges() {
        assertEquals("rediss://:pw@cache.example.com:6380/1?ssl_cert_reqs=none",
                RedisEnv.withDatabase("rediss://:pw@cache.example.com:6380/7?ssl_cert_reqs=none", 1));
        assertEquals("redis://h:6379/0", RedisEnv.withDatabase("redis://h:6379", 0));
    }
}
