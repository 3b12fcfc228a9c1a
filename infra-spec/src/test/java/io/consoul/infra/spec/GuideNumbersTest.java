package io.consoul.infra.spec;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scaling guide's numbers, each checked against the one place it lives. */
class GuideNumbersTest {

    @Test
    @DisplayName("medium (the default) gives Kubernetes requests 500m/1Gi and limits 2000m/4Gi")
    void mediumGivesTheGuidesKubernetesResources() {
        assertEquals("500m", Size.MEDIUM.requests().cpu());
        assertEquals("1Gi", Size.MEDIUM.requests().memory());
        assertEquals("2000m", Size.MEDIUM.limits().cpu());
        assertEquals("4Gi", Size.MEDIUM.limits().memory());
        assertEquals("2", Size.MEDIUM.limits().vcpu());
    }

    @Test
    @DisplayName("the sizing table: vCPU, memory and workers per size, and valid Fargate CPU units")
    void sizingTable() {
        assertEquals(new Resources(500, 1024), Size.DEVELOPMENT.limits());
        assertEquals(new Resources(1000, 2048), Size.SMALL.limits());
        assertEquals(new Resources(4000, 8192), Size.LARGE.limits());
        assertEquals(new Resources(8000, 16384), Size.ENTERPRISE.limits());
        assertEquals(16, Size.ENTERPRISE.workers());
        assertEquals(512, Size.DEVELOPMENT.limits().ecsCpuUnits());
        assertEquals(2048, Size.MEDIUM.limits().ecsCpuUnits());
        assertEquals("0.5", Size.DEVELOPMENT.limits().vcpu());
    }

    @Test
    @DisplayName("health checks: /health 30 s interval, 10 s timeout, 2 healthy, 3 unhealthy, 10 s delay; /ready 5 s, 10 s, 3")
    void healthChecks() {
        assertEquals(new Probe("/health", 10, 30, 10, 2, 3), HealthChecks.LIVENESS);
        Probe ready = HealthChecks.READINESS;
        assertEquals("/ready", ready.path());
        assertEquals(5, ready.initialDelaySeconds());
        assertEquals(10, ready.periodSeconds());
        assertEquals(3, ready.unhealthyThreshold());
    }

    @Test
    @DisplayName("graceful shutdown: the platform waits the 10 s pre-stop sleep, the 5 s shutdown delay and the 60 s drain")
    void shutdown() {
        assertEquals(10, Shutdown.PRE_STOP_SLEEP_SECONDS);
        assertEquals(75, Shutdown.TERMINATION_GRACE_SECONDS);
        assertEquals(65, Shutdown.ECS_STOP_TIMEOUT_SECONDS);
    }

    /**
     * The app's own defaults ({@code app/src/main/resources/application.properties}, used where nothing sets the
     * variables: {@code spring-boot:run}, the local stack) are a second copy of the shutdown timing; the stacks always
     * send the spec's ({@code DeploymentSpec.containerEnv}). Until the app reads them from one place, they must agree.
     */
    @Test
    @DisplayName("the app's default shutdown delay and drain are the spec's 5 s and 60 s")
    void appDefaultsAgreeWithTheSpec() throws java.io.IOException {
        String properties = java.nio.file.Files.readString(
                io.consoul.infra.spec.fixtures.SpecFixtures.repositoryRoot().resolve("app/src/main/resources/application.properties"));
        assertEquals(Shutdown.SHUTDOWN_DELAY_SECONDS, appDefault(properties, "CONSOUL_SHUTDOWN_DELAY"));
        assertEquals(Shutdown.GRACEFUL_TIMEOUT_SECONDS, appDefault(properties, "CONSOUL_GRACEFUL_TIMEOUT"));
    }

    private static int appDefault(String properties, String variable) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{" + variable + ":(\\d+)s?}").matcher(properties);
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), variable + " has no default in application.properties");
        return Integer.parseInt(m.group(1));
    }

    @Test
    @DisplayName("Redis size follows the guide's table for the sessions the deployment can hold")
    void redisTier() {
        assertEquals(RedisTier.BASIC_250MB, RedisTier.forSessions(999));
        assertEquals(RedisTier.STANDARD_1GB, RedisTier.forSessions(Size.MEDIUM.concurrentSessions() * 10L));
        assertEquals(RedisTier.STANDARD_1GB, RedisTier.forSessions(10_000), "the guide's 1,000 - 10,000 row holds 10,000");
        assertEquals(RedisTier.LARGE_6GB, RedisTier.forSessions(10_001));
        assertEquals(RedisTier.LARGE_6GB, RedisTier.forSessions(100_000), "> 100,000 leaves 100,000 to the 6 GB row");
        assertEquals(RedisTier.CLUSTER_26GB, RedisTier.forSessions(150_000));
    }
}
