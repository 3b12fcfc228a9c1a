package io.consoul.infra.spec.limits;

import io.consoul.infra.spec.Resources;
import io.consoul.infra.spec.Scaling;
import io.consoul.infra.spec.Size;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cloud Run services. CPU and memory: https://cloud.google.com/run/docs/configuring/services/cpu (below 1 vCPU:
 * concurrency 1, request-based billing, i.e. CPU only during requests) and
 * https://cloud.google.com/run/docs/configuring/services/memory-limits; concurrency at most 1000:
 * https://cloud.google.com/run/docs/about-concurrency; request timeout at most 3600 s:
 * https://cloud.google.com/run/docs/configuring/request-timeout; startup probes: failureThreshold × periodSeconds and
 * initialDelaySeconds at most 240 s each: https://cloud.google.com/run/docs/configuring/healthchecks.
 */
public final class CloudRunLimits implements PlatformLimits {
    static final CloudRunLimits INSTANCE = new CloudRunLimits();
    static final String CPU_DOC = "https://cloud.google.com/run/docs/configuring/services/cpu";

    /** Whole vCPUs Cloud Run accepts at 1 vCPU and above (values above 1 must be integers). */
    public static final List<Integer> WHOLE_CPUS = List.of(1, 2, 4, 6, 8);
    /** Fractional CPU: at least 0.08 vCPU. */
    public static final int MIN_CPU_MILLIS = 80;
    /** Memory (MiB) allowed per CPU (millicores, up to and including): [min, max]. */
    public static final Map<Integer, int[]> MEMORY_BY_CPU = new TreeMap<>(Map.of(
            499, new int[] {128, 512},
            999, new int[] {128, 1024},
            1000, new int[] {128, 4096},
            2000, new int[] {128, 8192},
            4000, new int[] {2048, 16384},
            6000, new int[] {4096, 24576},
            8000, new int[] {4096, 32768}));
    /** Below 1 vCPU the only concurrency allowed. */
    public static final int FRACTIONAL_CPU_CONCURRENCY = 1;
    public static final int MAX_CONCURRENCY = 1000;
    public static final int MAX_REQUEST_TIMEOUT_SECONDS = 3600;
    public static final int MAX_STARTUP_PROBE_WINDOW_SECONDS = 240;
    public static final int MAX_STARTUP_PROBE_INITIAL_DELAY_SECONDS = 240;

    private CloudRunLimits() {
    }

    @Override
    public String platform() {
        return "gcp (Cloud Run)";
    }

    /** Below 1 vCPU Cloud Run allocates CPU only while requests are served, and requires it said so. */
    public static boolean cpuOnlyDuringRequests(Resources r) {
        return r.cpuMillis() < 1000;
    }

    public static boolean allows(Resources r) {
        int cpu = r.cpuMillis();
        if (cpu < MIN_CPU_MILLIS || (cpu >= 1000 && (cpu % 1000 != 0 || !WHOLE_CPUS.contains(cpu / 1000)))) {
            return false;
        }
        int[] memory = ((TreeMap<Integer, int[]>) MEMORY_BY_CPU).ceilingEntry(cpu).getValue();
        return r.memoryMiB() >= memory[0] && r.memoryMiB() <= memory[1];
    }

    @Override
    public int defaultConcurrency(Size size) {
        return cpuOnlyDuringRequests(size.limits()) ? FRACTIONAL_CPU_CONCURRENCY : Scaling.DEFAULTS.concurrency();
    }

    @Override
    public void check(Size size, Scaling scaling, boolean concurrencySet, List<String> problems) {
        if (!allows(size.limits())) {
            problems.add(PlatformLimits.sizeRefused(this, size,
                    "CPU 0.08–1 or 1, 2, 4, 6, 8 vCPU, with memory up to 1 GiB at 0.5 vCPU, 4 GiB at 1, 8 GiB at 2,"
                            + " 2–16 GiB at 4, 4–24 GiB at 6, 4–32 GiB at 8", CPU_DOC, s -> allows(s.limits())));
        }
        if (concurrencySet && cpuOnlyDuringRequests(size.limits()) && scaling.concurrency() != FRACTIONAL_CPU_CONCURRENCY) {
            problems.add("consoul:concurrency = " + scaling.concurrency() + " is not allowed with consoul:size = "
                    + PlatformLimits.describe(size) + " on " + platform() + ": below 1 vCPU the maximum concurrency"
                    + " must be 1 (" + CPU_DOC + "); nearest legal: consoul:concurrency = 1, or consoul:size = "
                    + PlatformLimits.describe(Size.SMALL) + " to keep " + scaling.concurrency());
        }
        if (scaling.concurrency() > MAX_CONCURRENCY) {
            problems.add("consoul:concurrency = " + scaling.concurrency() + " is not allowed on " + platform()
                    + ": at most " + MAX_CONCURRENCY + " (https://cloud.google.com/run/docs/about-concurrency);"
                    + " nearest legal: consoul:concurrency = " + MAX_CONCURRENCY);
        }
    }
}
