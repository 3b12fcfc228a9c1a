package io.consoul.infra.spec;

/**
 * CPU and memory of one instance, in the units every platform can be given: millicores and MiB.
 *
 * @param cpuMillis  thousandths of a vCPU (500 = 0.5 vCPU)
 * @param memoryMiB  memory in MiB (4096 = 4 GiB)
 */
public record Resources(int cpuMillis, int memoryMiB) {

    /** Kubernetes quantity: {@code 500m}, {@code 2000m}. */
    public String cpu() {
        return cpuMillis + "m";
    }

    /** Cloud Run / Container Apps style: {@code 0.5}, {@code 2}. */
    public String vcpu() {
        return cpuMillis % 1000 == 0 ? Integer.toString(cpuMillis / 1000) : Double.toString(cpuMillis / 1000.0);
    }

    /** Kubernetes quantity: {@code 1Gi}, {@code 256Mi}. */
    public String memory() {
        return memoryMiB % 1024 == 0 ? (memoryMiB / 1024) + "Gi" : memoryMiB + "Mi";
    }

    /** ECS task CPU units (1024 per vCPU). */
    public int ecsCpuUnits() {
        return cpuMillis * 1024 / 1000;
    }
}
