package io.consoul.cli.switching;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smoke gate against real instances of the Consoul API, started in this JVM. */
@Timeout(120)
class SmokeGateTest {
    private static final String IMAGE = "ghcr.io/consoul/consoul:1.1.0";
    private static ConsoulInstance healthy;
    private static ConsoulInstance redisDown;

    @BeforeAll
    static void start() {
        healthy = ConsoulInstance.start(Map.of("consoul.version", "1.1.0", "consoul.api-keys", "smoke-key"));
        // Redis configured but nothing listening there: the instance lives (/health) but is not ready (/ready 503).
        String nowhere = "redis://127.0.0.1:" + RedisServer.freePort();
        redisDown = ConsoulInstance.start(Map.of("consoul.version", "1.1.0",
                "consoul.session-redis-url", nowhere + "/1", "consoul.rate-limit-redis-url", nowhere + "/0"));
    }

    @AfterAll
    static void stop() {
        healthy.close();
        redisDown.close();
    }

    @Test
    @DisplayName("a healthy, ready colour of its image's version that answers /chat passes every check")
    void healthyColourPasses() {
        SmokeGate.Result result = SmokeGate.check(healthy.url(), IMAGE, "smoke-key");
        assertTrue(result.passed(), result.failures());
        assertEquals(List.of("/health", "/ready", "version", "/chat"), result.checks().stream().map(SmokeGate.Check::name).toList());
        assertEquals("1.1.0", result.version().orElseThrow());
    }

    @Test
    @DisplayName("a colour that is alive but not ready (Redis unreachable) fails the gate on /ready")
    void notReadyFails() {
        SmokeGate.Result result = SmokeGate.check(redisDown.url(), IMAGE, null);
        assertFalse(result.passed());
        assertTrue(result.failures().startsWith("/ready HTTP 503"), result.failures());
    }

    @Test
    @DisplayName("a colour reporting another version than its image's tag fails the gate")
    void wrongVersionFails() {
        SmokeGate.Result result = SmokeGate.check(healthy.url(), "ghcr.io/consoul/consoul:1.2.0", null);
        assertFalse(result.passed());
        assertTrue(result.failures().contains("version 1.1.0, but the image ghcr.io/consoul/consoul:1.2.0 is 1.2.0"),
                result.failures());
    }

    @Test
    @DisplayName("a /chat refused (wrong key) fails the gate")
    void refusedChatFails() {
        SmokeGate.Result result = SmokeGate.check(healthy.url(), IMAGE, "not-a-key");
        assertFalse(result.passed());
        assertTrue(result.failures().startsWith("/chat HTTP 401"), result.failures());
    }

    @Test
    @DisplayName("a colour that does not answer fails the gate, and every check is still reported")
    void noAnswerFails() {
        SmokeGate.Result result = SmokeGate.check("http://127.0.0.1:" + RedisServer.freePort(), IMAGE, null);
        assertFalse(result.passed());
        assertEquals(3, result.checks().stream().filter(c -> !c.passed()).count(), result.failures());
    }

    @Test
    @DisplayName("an image without a version tag is not compared, only reported")
    void untaggedImageIsNotCompared() {
        assertTrue(SmokeGate.check(healthy.url(), "ghcr.io/consoul/consoul:latest", null).passed());
        assertEquals("1.1.0", ImageTag.version("registry:5000/consoul:1.1.0").orElseThrow());
        assertTrue(ImageTag.version("registry:5000/consoul").isEmpty());
        assertTrue(ImageTag.version("ghcr.io/consoul/consoul@sha256:abc").isEmpty());
    }
}
