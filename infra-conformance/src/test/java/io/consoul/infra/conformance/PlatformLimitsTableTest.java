package io.consoul.infra.conformance;

import com.pulumi.Context;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.InvalidConfigException;
import io.consoul.infra.spec.Size;
import io.consoul.infra.spec.config.StackFile;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.mock.MockStack;
import io.consoul.infra.spec.mock.MockedResource;
import io.consoul.infra.spec.mock.StackRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every size on every cloud, and every shipped stack file, either declares resources each cloud accepts or is refused
 * before any resource with the size named. The resources are checked against limit tables written here from each
 * platform's doc, independently of the spec's own tables and of {@link Size}: the cloud is the judge, not our constants.
 */
@Timeout(600)
class PlatformLimitsTableTest {
    private static final Map<Cloud, Consumer<Context>> PROGRAMS = new EnumMap<>(Map.of(
            Cloud.AWS, io.consoul.infra.aws.App::stack,
            Cloud.K8S, io.consoul.infra.k8s.App::stack,
            Cloud.GCP, io.consoul.infra.gcp.App::stack,
            Cloud.AZURE, io.consoul.infra.azure.App::stack));

    // --- AWS Fargate task sizes, transcribed from
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
    private static final String[] FARGATE_ROWS = {
            "256 | 512,1024,2048",
            "512 | 1024,2048,3072,4096",
            "1024 | 2048,3072,4096,5120,6144,7168,8192",
            "2048 | 4096-16384/1024",
            "4096 | 8192-30720/1024",
            "8192 | 16384-61440/4096",
            "16384 | 32768-122880/8192"};

    // --- Cloud Run, https://cloud.google.com/run/docs/configuring/services/cpu: "vCPU | max memory MiB | min memory MiB"
    private static final String[] CLOUD_RUN_ROWS = {
            "0.08 | 512 | 128", "0.5 | 1024 | 128", "1 | 4096 | 128", "2 | 8192 | 128",
            "4 | 16384 | 2048", "6 | 24576 | 4096", "8 | 32768 | 4096"};

    // --- Container Apps consumption plan, https://learn.microsoft.com/en-us/azure/container-apps/containers#allocations
    private static final List<String> CONTAINER_APPS_PAIRS = List.of(
            "0.25/0.5Gi", "0.5/1Gi", "0.75/1.5Gi", "1/2Gi", "1.25/2.5Gi", "1.5/3Gi", "1.75/3.5Gi", "2/4Gi",
            "2.25/4.5Gi", "2.5/5Gi", "2.75/5.5Gi", "3/6Gi", "3.25/6.5Gi", "3.5/7Gi", "3.75/7.5Gi", "4/8Gi");

    @TestFactory
    @DisplayName("every size on every cloud is within the platform's published limits, or refused before any resource")
    Stream<DynamicTest> everySizeOnEveryCloud() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Cloud cloud : Cloud.values()) {
            for (Size size : Size.values()) {
                tests.add(DynamicTest.dynamicTest(cloud.key() + " " + size.key(), () -> {
                    Map<String, String> config = SpecFixtures.config();
                    config.put("consoul:size", size.key());
                    checkStack(cloud.key() + "-staging", config, Set.of(), size.key());
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    @DisplayName("every shipped stack file previews within the platform's published limits")
    Stream<DynamicTest> everyStackFile() {
        return StackFile.loadAll(SpecFixtures.repositoryRoot()).stream().map(file -> DynamicTest.dynamicTest(
                file.stackName(), () -> {
                    Map<String, String> config = new HashMap<>(file.config());
                    config.putAll(SpecFixtures.secretStandIns(file));
                    StackRun run = checkStack(file.stackName(), config, SpecFixtures.secretStandIns(file).keySet(),
                            file.config().getOrDefault("consoul:size", "medium"));
                    assertNotNull(run, file.stackName() + " must deploy as written, not be refused");
                }));
    }

    /** Runs the stack as `pulumi up` would; returns the run, or null when it was refused as it had to be. */
    private static StackRun checkStack(String stack, Map<String, String> config, Set<String> secretKeys, String size) {
        Cloud cloud = Cloud.fromKey(stack.substring(0, stack.indexOf('-'))).orElseThrow();
        boolean refused;
        try {
            DeploymentSpec.fromConfig(SpecFixtures.source(stack, config));
            refused = false;
        } catch (InvalidConfigException e) {
            refused = true;
        }
        StackRun run = MockStack.runWithConfig(stack, config, secretKeys, PROGRAMS.get(cloud));
        if (refused) {
            assertTrue(run.resources().isEmpty(), "refused, yet declared " + run.resources().size() + " resources");
            String message = run.errorText();
            assertTrue(message.contains("consoul:size = " + size), message);
            assertTrue(message.contains("nearest legal: consoul:size = "), message);
            assertTrue(message.contains("https://"), "the limit's doc: " + message);
            assertFalse(naturalShapeIsLegal(cloud, Size.fromKey(size).orElseThrow()),
                    "refused, but the platform's own table allows " + size + " on " + cloud.key() + ": " + message);
            return null;
        }
        run.requireSuccess();
        switch (cloud) {
            case AWS -> checkAws(run);
            case GCP -> checkCloudRun(run);
            case AZURE -> checkContainerApps(run);
            case K8S -> checkKubernetes(run);
        }
        return run;
    }

    /** What the size table asks for (vCPU, memory), judged by the platform's table alone. */
    private static boolean naturalShapeIsLegal(Cloud cloud, Size size) {
        double vcpu = size.limits().cpuMillis() / 1000.0;
        int memory = size.limits().memoryMiB();
        return switch (cloud) {
            case AWS -> fargateAllows((int) Math.round(vcpu * 1024), memory);
            case GCP -> cloudRunAllows(vcpu, memory);
            case AZURE -> CONTAINER_APPS_PAIRS.contains(number(vcpu) + "/" + number(memory / 1024.0) + "Gi");
            case K8S -> true;
        };
    }

    // ---------------------------------------------------------------- AWS

    private static void checkAws(StackRun run) {
        for (MockedResource task : run.resourcesOfType("aws:ecs/taskDefinition:TaskDefinition")) {
            int cpu = Integer.parseInt((String) task.input("cpu").orElseThrow());
            int memory = Integer.parseInt((String) task.input("memory").orElseThrow());
            assertTrue(fargateAllows(cpu, memory), task.name() + ": no Fargate task size " + cpu + "/" + memory);
            String containers = (String) task.input("containerDefinitions").orElseThrow();
            int stopTimeout = Integer.parseInt(containers.replaceAll(".*\"stopTimeout\":(\\d+).*", "$1"));
            assertTrue(stopTimeout <= 120, "Fargate stopTimeout is at most 120 s: " + stopTimeout);
        }
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
        for (MockedResource group : run.resourcesOfType("aws:lb/targetGroup:TargetGroup")) {
            int interval = (Integer) group.input("healthCheck.interval").orElseThrow();
            int timeout = (Integer) group.input("healthCheck.timeout").orElseThrow();
            int healthy = (Integer) group.input("healthCheck.healthyThreshold").orElseThrow();
            int unhealthy = (Integer) group.input("healthCheck.unhealthyThreshold").orElseThrow();
            int deregistration = (Integer) group.input("deregistrationDelay").orElseThrow();
            assertTrue(interval >= 5 && interval <= 300, "interval 5-300: " + interval);
            assertTrue(timeout >= 2 && timeout <= 120 && timeout < interval, "timeout 2-120 and below the interval: " + timeout);
            assertTrue(healthy >= 2 && healthy <= 10 && unhealthy >= 2 && unhealthy <= 10, "thresholds 2-10");
            assertTrue(deregistration >= 0 && deregistration <= 3600, "deregistration delay 0-3600: " + deregistration);
        }
    }

    private static boolean fargateAllows(int cpu, int memory) {
        for (String row : FARGATE_ROWS) {
            String[] parts = row.split("\\|");
            if (Integer.parseInt(parts[0].trim()) != cpu) {
                continue;
            }
            String values = parts[1].trim();
            if (values.contains("-")) {
                String[] range = values.split("[-/]");
                int from = Integer.parseInt(range[0]);
                int to = Integer.parseInt(range[1]);
                int step = Integer.parseInt(range[2]);
                return memory >= from && memory <= to && (memory - from) % step == 0;
            }
            return List.of(values.split(",")).contains(Integer.toString(memory));
        }
        return false;
    }

    // ---------------------------------------------------------------- Cloud Run

    private static void checkCloudRun(StackRun run) {
        for (MockedResource service : run.resourcesOfType("gcp:cloudrunv2/service:Service")) {
            Map<?, ?> limits = (Map<?, ?>) service.input("template.containers.0.resources.limits").orElseThrow();
            double vcpu = Double.parseDouble((String) limits.get("cpu"));
            int memory = mebibytes((String) limits.get("memory"));
            assertTrue(cloudRunAllows(vcpu, memory), "Cloud Run refuses " + vcpu + " vCPU with " + memory + " MiB");
            Object cpuIdle = service.input("template.containers.0.resources.cpuIdle")
                    .orElseThrow(() -> new AssertionError("cpuIdle must be set explicitly"));
            int concurrency = (Integer) service.input("template.maxInstanceRequestConcurrency").orElseThrow();
            assertTrue(concurrency >= 1 && concurrency <= 1000, "concurrency 1-1000: " + concurrency);
            if (vcpu < 1) {
                assertEquals(1, concurrency, "below 1 vCPU the maximum concurrency must be 1");
                assertEquals(true, cpuIdle, "below 1 vCPU, CPU is allocated only during requests");
            }
            // https://cloud.google.com/run/docs/configuring/request-timeout: at most 60 minutes
            int timeout = Integer.parseInt(((String) service.input("template.timeout").orElseThrow()).replace("s", ""));
            assertTrue(timeout <= 3600, "request timeout at most 3600 s: " + timeout);
            // https://cloud.google.com/run/docs/configuring/healthchecks: startup window and delay at most 240 s
            int period = (Integer) service.input("template.containers.0.startupProbe.periodSeconds").orElseThrow();
            int failures = (Integer) service.input("template.containers.0.startupProbe.failureThreshold").orElseThrow();
            int delay = (Integer) service.input("template.containers.0.startupProbe.initialDelaySeconds").orElseThrow();
            assertTrue(period * failures <= 240 && delay <= 240, "startup probe beyond 240 s");
        }
    }

    private static boolean cloudRunAllows(double vcpu, int memory) {
        if (vcpu > 1 && vcpu != Math.rint(vcpu)) {
            return false;
        }
        for (String row : CLOUD_RUN_ROWS) {
            String[] parts = row.split("\\|");
            double rowCpu = Double.parseDouble(parts[0].trim());
            if (vcpu <= rowCpu && (vcpu < 1 || vcpu == rowCpu)) {
                return memory <= Integer.parseInt(parts[1].trim()) && memory >= Integer.parseInt(parts[2].trim());
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- Container Apps

    private static void checkContainerApps(StackRun run) {
        for (MockedResource app : run.resourcesOfType("azure-native:app:ContainerApp")) {
            List<?> containers = (List<?>) app.input("template.containers").orElseThrow();
            for (Object c : containers) {
                Map<?, ?> resources = (Map<?, ?>) ((Map<?, ?>) c).get("resources");
                double cpu = ((Number) resources.get("cpu")).doubleValue();
                String pair = number(cpu) + "/" + number(mebibytes((String) resources.get("memory")) / 1024.0) + "Gi";
                assertTrue(CONTAINER_APPS_PAIRS.contains(pair), "not a consumption-plan allocation: " + pair);
                // The platform's default termination grace, 30 s, must cover the shutdown delay and the drain.
                Map<String, String> env = new HashMap<>();
                for (Object e : (List<?>) ((Map<?, ?>) c).get("env")) {
                    Map<?, ?> var = (Map<?, ?>) e;
                    if (var.get("value") != null) {
                        env.put((String) var.get("name"), (String) var.get("value"));
                    }
                }
                int drain = seconds(env.get("CONSOUL_SHUTDOWN_DELAY")) + seconds(env.get("CONSOUL_GRACEFUL_TIMEOUT"));
                assertTrue(drain <= 30, "Container Apps kills 30 s after SIGTERM; the app drains for " + drain + " s");
            }
        }
    }

    // ---------------------------------------------------------------- Kubernetes

    private static void checkKubernetes(StackRun run) {
        List<MockedResource> workloads = new ArrayList<>(run.resourcesOfType("kubernetes:apps/v1:Deployment"));
        workloads.addAll(run.resourcesOfType("kubernetes:apps/v1:StatefulSet"));
        for (MockedResource workload : workloads) {
            for (Object c : (List<?>) workload.input("spec.template.spec.containers").orElseThrow()) {
                Map<?, ?> resources = (Map<?, ?>) ((Map<?, ?>) c).get("resources");
                Map<?, ?> requests = (Map<?, ?>) resources.get("requests");
                Map<?, ?> limits = (Map<?, ?>) resources.get("limits");
                if (requests == null || limits == null) {
                    continue;
                }
                for (String resource : List.of("cpu", "memory")) {
                    if (requests.get(resource) != null && limits.get(resource) != null) {
                        assertTrue(quantity((String) requests.get(resource)) <= quantity((String) limits.get(resource)),
                                workload.name() + ": " + resource + " request above its limit");
                    }
                }
            }
            if (workload.type().endsWith("Deployment")) {
                assertTrue(workload.input("spec.replicas").isEmpty(), "an HPA-managed Deployment sets no replicas");
            }
        }
    }

    // ---------------------------------------------------------------- units

    /** A Kubernetes quantity in base units (cores, bytes). */
    private static double quantity(String q) {
        if (q.endsWith("m")) {
            return Double.parseDouble(q.substring(0, q.length() - 1)) / 1000;
        }
        for (String[] unit : new String[][] {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}}) {
            if (q.endsWith(unit[0])) {
                return Double.parseDouble(q.substring(0, q.length() - 2)) * Double.parseDouble(unit[1]);
            }
        }
        return Double.parseDouble(q);
    }

    private static int mebibytes(String memory) {
        if (memory.endsWith("Gi")) {
            return (int) Math.round(Double.parseDouble(memory.replace("Gi", "")) * 1024);
        }
        if (memory.endsWith("Mi")) {
            return Integer.parseInt(memory.replace("Mi", ""));
        }
        fail("unexpected memory unit: " + memory);
        return 0;
    }

    private static int seconds(String duration) {
        assertNotNull(duration, "the drain must be set explicitly");
        return Integer.parseInt(duration.replace("s", ""));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
