package io.consoul.infra.spec.limits;

import io.consoul.infra.spec.AppSecret;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.InvalidConfigException;
import io.consoul.infra.spec.Resources;
import io.consoul.infra.spec.Size;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.consoul.infra.spec.fixtures.SpecFixtures.read;
import static io.consoul.infra.spec.fixtures.SpecFixtures.refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each platform rule, named after it. The whole size × cloud table is checked in infra-conformance. */
class PlatformLimitsTest {

    @Test
    @DisplayName("Fargate: task CPU and memory must be one of its published pairs")
    void fargateTaskSizeIsAPublishedPair() {
        assertTrue(FargateLimits.allows(new Resources(500, 1024)));
        assertTrue(FargateLimits.allows(new Resources(8000, 16384)));
        assertFalse(FargateLimits.allows(new Resources(500, 8192)), "0.5 vCPU takes at most 4 GiB");
        assertFalse(FargateLimits.allows(new Resources(8000, 18432)), "8 vCPU takes memory in 4 GiB steps");
        assertFalse(FargateLimits.allows(new Resources(3000, 8192)), "3 vCPU is no Fargate task size");
    }

    @Test
    @DisplayName("Cloud Run: below 1 vCPU concurrency is 1 unless the stack says otherwise")
    void cloudRunBelowOneVcpuDefaultsToConcurrencyOne() {
        assertEquals(1, read("gcp-dev", Map.of("consoul:size", "development")).scaling().concurrency());
        assertEquals(80, read("gcp-dev", Map.of("consoul:size", "small")).scaling().concurrency());
        assertEquals(80, read("aws-dev", Map.of("consoul:size", "development")).scaling().concurrency(),
                "only Cloud Run has the rule");
    }

    @Test
    @DisplayName("Cloud Run: below 1 vCPU an explicit concurrency above 1 is refused, naming the nearest legal choice")
    void cloudRunBelowOneVcpuRefusesConcurrencyAboveOne() {
        String message = refusal("gcp-dev", Map.of("consoul:size", "development", "consoul:concurrency", "80"));
        assertTrue(message.contains("consoul:concurrency = 80 is not allowed with consoul:size = development (0.5 vCPU / 1 GiB)"
                + " on gcp (Cloud Run)"), message);
        assertTrue(message.contains("https://cloud.google.com/run/docs/configuring/services/cpu"), message);
        assertTrue(message.contains("nearest legal: consoul:concurrency = 1, or consoul:size = small (1 vCPU / 2 GiB)"), message);
    }

    @Test
    @DisplayName("Cloud Run: CPU only during requests exactly where it is required (below 1 vCPU)")
    void cloudRunCpuOnlyDuringRequestsBelowOneVcpu() {
        assertTrue(CloudRunLimits.cpuOnlyDuringRequests(Size.DEVELOPMENT.limits()));
        assertFalse(CloudRunLimits.cpuOnlyDuringRequests(Size.SMALL.limits()));
    }

    @Test
    @DisplayName("Cloud Run: memory must fit the CPU, CPU above 1 is 2, 4, 6 or 8")
    void cloudRunMemoryFitsTheCpu() {
        assertTrue(CloudRunLimits.allows(new Resources(500, 1024)));
        assertFalse(CloudRunLimits.allows(new Resources(500, 2048)), "0.5 vCPU takes at most 1 GiB");
        assertFalse(CloudRunLimits.allows(new Resources(4000, 1024)), "4 vCPU needs at least 2 GiB");
        assertFalse(CloudRunLimits.allows(new Resources(2000, 16384)), "2 vCPU takes at most 8 GiB");
        assertFalse(CloudRunLimits.allows(new Resources(3000, 4096)), "3 vCPU is not offered");
        assertFalse(CloudRunLimits.allows(new Resources(16000, 32768)), "8 vCPU is the most");
    }

    @Test
    @DisplayName("Container Apps: a size above 4 vCPU / 8 GiB is refused with the key, the value, the limit and the nearest size")
    void containerAppsRefusesSizesAboveTheConsumptionPlan() {
        String message = refusal("azure-production", Map.of("consoul:size", "enterprise"));
        assertTrue(message.contains("consoul:size = enterprise (8 vCPU / 16 GiB) is not allowed on azure"), message);
        assertTrue(message.contains("at most 4 vCPU / 8 GiB per replica"), message);
        assertTrue(message.contains("https://learn.microsoft.com/en-us/azure/container-apps/containers#allocations"), message);
        assertTrue(message.contains("nearest legal: consoul:size = large (4 vCPU / 8 GiB)"), message);
        assertEquals(Size.LARGE, read("azure-production", Map.of("consoul:size", "large")).size());
    }

    @Test
    @DisplayName("Container Apps: memory is 2 GiB per vCPU, CPU in 0.25 steps")
    void containerAppsMemoryIsTwiceTheCpu() {
        assertTrue(ContainerAppsLimits.allows(new Resources(250, 512)));
        assertFalse(ContainerAppsLimits.allows(new Resources(1000, 4096)));
        assertFalse(ContainerAppsLimits.allows(new Resources(300, 600)));
    }

    @Test
    @DisplayName("Container Apps: the app's shutdown delay and drain fit in the platform's 30 s grace")
    void containerAppsDrainFitsTheTerminationGrace() {
        Map<String, String> env = SpecFixtures.spec(Cloud.AZURE, DeployEnvironment.STAGING).build().plainEnv();
        int delay = seconds(env.get("CONSOUL_SHUTDOWN_DELAY"));
        int drain = seconds(env.get("CONSOUL_GRACEFUL_TIMEOUT"));
        assertTrue(delay + drain <= ContainerAppsLimits.DEFAULT_TERMINATION_GRACE_SECONDS, delay + " + " + drain);
        Map<String, String> k8s = SpecFixtures.spec(Cloud.K8S, DeployEnvironment.STAGING).build().plainEnv();
        assertEquals("60s", k8s.get("CONSOUL_GRACEFUL_TIMEOUT"), "where the platform waits, the guide's 60 s");
    }

    @Test
    @DisplayName("Kubernetes: requests must not exceed limits")
    void kubernetesRequestsAtMostLimits() {
        assertTrue(KubernetesLimits.allows(new Resources(500, 1024), new Resources(2000, 4096)));
        assertFalse(KubernetesLimits.allows(new Resources(2500, 1024), new Resources(2000, 4096)));
        assertFalse(KubernetesLimits.allows(new Resources(500, 5000), new Resources(2000, 4096)));
    }

    @Test
    @DisplayName("memoryTarget is refused with the reason: no cloud scales a JVM on memory")
    void memoryTargetIsRefused() {
        String message = refusal("k8s-dev", Map.of("consoul:memoryTarget", "80"));
        assertTrue(message.contains("consoul:memoryTarget = 80 is no longer used"), message);
        assertTrue(message.contains("consoul:cpuTarget"), message);
    }

    @Test
    @DisplayName("a size refusal comes with every other problem, all at once")
    void refusalsAreListedWithOtherProblems() {
        var e = assertThrows(InvalidConfigException.class, () -> SpecFixtures.spec(Cloud.AZURE, DeployEnvironment.DEV)
                .size(Size.ENTERPRISE).minReplicas(5).maxReplicas(2).secret(AppSecret.API_KEYS, "k").build());
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    private static int seconds(String duration) {
        return Integer.parseInt(duration.replace("s", ""));
    }
}
