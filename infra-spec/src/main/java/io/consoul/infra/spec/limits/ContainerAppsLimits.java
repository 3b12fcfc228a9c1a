package io.consoul.infra.spec.limits;

import io.consoul.infra.spec.Resources;
import io.consoul.infra.spec.Scaling;
import io.consoul.infra.spec.Size;

import java.util.List;

/**
 * Azure Container Apps on the consumption plan (the environment Consoul declares has no workload profiles): 0.25–4
 * vCPU per replica in steps of 0.25, with memory 2 GiB per vCPU
 * (https://learn.microsoft.com/en-us/azure/container-apps/containers#allocations,
 * https://learn.microsoft.com/en-us/azure/container-apps/environment-type-consumption-only: "access to 4 vCPUs with
 * 8 GB of memory ... If your application requires any capability outside these parameters, then run your apps on
 * dedicated workload profile"). Consoul refuses bigger sizes rather than declare a Dedicated profile: azure-native
 * 2.10.0 models workload profiles in a preview shape (no profile name), and moving an environment to workload profiles
 * replaces it (docs/deploying.md). Termination grace: 30 s, the platform's default; the template's
 * {@code terminationGracePeriodSeconds} is not in the API version azure-native 2.10.0 speaks.
 */
public final class ContainerAppsLimits implements PlatformLimits {
    static final ContainerAppsLimits INSTANCE = new ContainerAppsLimits();
    static final String DOC = "https://learn.microsoft.com/en-us/azure/container-apps/containers#allocations";

    public static final int MIN_CPU_MILLIS = 250;
    public static final int MAX_CPU_MILLIS = 4000;
    public static final int CPU_STEP_MILLIS = 250;
    /** Memory per vCPU on the Consumption profile. */
    public static final int MEMORY_MIB_PER_VCPU = 2048;
    /** What the platform waits between SIGTERM and SIGKILL when the template does not say. */
    public static final int DEFAULT_TERMINATION_GRACE_SECONDS = 30;

    private ContainerAppsLimits() {
    }

    @Override
    public String platform() {
        return "azure (Container Apps, consumption plan)";
    }

    public static boolean allows(Resources r) {
        return r.cpuMillis() >= MIN_CPU_MILLIS && r.cpuMillis() <= MAX_CPU_MILLIS && r.cpuMillis() % CPU_STEP_MILLIS == 0
                && (long) r.memoryMiB() * 1000 == (long) r.cpuMillis() * MEMORY_MIB_PER_VCPU;
    }

    @Override
    public void check(Size size, Scaling scaling, boolean concurrencySet, List<String> problems) {
        if (!allows(size.limits())) {
            problems.add(PlatformLimits.sizeRefused(this, size,
                    "the consumption plan allows at most 4 vCPU / 8 GiB per replica, memory 2 GiB per vCPU;"
                            + " bigger replicas need a Dedicated workload profile, which this program does not declare", DOC, s -> allows(s.limits())));
        }
    }
}
