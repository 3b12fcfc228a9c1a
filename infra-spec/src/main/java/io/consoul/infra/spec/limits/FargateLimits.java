package io.consoul.infra.spec.limits;

import io.consoul.infra.spec.Resources;
import io.consoul.infra.spec.Scaling;
import io.consoul.infra.spec.Size;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * AWS Fargate and the Application Load Balancer. The task sizes are the table of
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size (also in
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html); the health-check ranges are
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html.
 */
public final class FargateLimits implements PlatformLimits {
    static final FargateLimits INSTANCE = new FargateLimits();
    static final String TASK_SIZE_DOC = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size";

    /** Task CPU units → the task memory values (MiB) Fargate accepts with it. */
    public static final Map<Integer, List<Integer>> TASK_SIZES = new TreeMap<>(Map.of(
            256, List.of(512, 1024, 2048),
            512, steps(1024, 4096, 1024),
            1024, steps(2048, 8192, 1024),
            2048, steps(4096, 16384, 1024),
            4096, steps(8192, 30720, 1024),
            8192, steps(16384, 61440, 4096),     // Linux platform 1.4.0 or later
            16384, steps(32768, 122880, 8192))); // Linux platform 1.4.0 or later

    /** Container {@code stopTimeout} on Fargate: at most 120 s (task definition parameters, "stopTimeout"). */
    public static final int MAX_STOP_TIMEOUT_SECONDS = 120;

    /** ALB target-group health checks: interval 5–300 s, timeout 2–120 s and below the interval, thresholds 2–10. */
    public static final int MIN_HEALTH_CHECK_INTERVAL = 5;
    public static final int MAX_HEALTH_CHECK_INTERVAL = 300;
    public static final int MIN_HEALTH_CHECK_TIMEOUT = 2;
    public static final int MAX_HEALTH_CHECK_TIMEOUT = 120;
    public static final int MIN_THRESHOLD = 2;
    public static final int MAX_THRESHOLD = 10;
    /** Target-group deregistration delay: 0–3600 s. */
    public static final int MAX_DEREGISTRATION_DELAY = 3600;

    private FargateLimits() {
    }

    @Override
    public String platform() {
        return "aws (ECS Fargate)";
    }

    /** Task CPU units of a size: 1024 per vCPU. */
    public static int taskCpu(Resources r) {
        return r.cpuMillis() * 1024 / 1000;
    }

    public static boolean allows(Resources r) {
        return TASK_SIZES.getOrDefault(taskCpu(r), List.of()).contains(r.memoryMiB());
    }

    @Override
    public void check(Size size, Scaling scaling, boolean concurrencySet, List<String> problems) {
        if (!allows(size.limits())) {
            List<Integer> memory = TASK_SIZES.get(taskCpu(size.limits()));
            String limit = memory == null
                    ? "task CPU must be one of " + TASK_SIZES.keySet() + " units"
                    : taskCpu(size.limits()) + " CPU units take " + memory.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " MiB";
            problems.add(PlatformLimits.sizeRefused(this, size, limit, TASK_SIZE_DOC, s -> allows(s.limits())));
        }
    }

    private static List<Integer> steps(int from, int to, int step) {
        return IntStream.iterate(from, m -> m <= to, m -> m + step).boxed().toList();
    }
}
