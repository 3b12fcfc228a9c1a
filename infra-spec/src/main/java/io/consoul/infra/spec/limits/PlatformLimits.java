package io.consoul.infra.spec.limits;

import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.Resources;
import io.consoul.infra.spec.Scaling;
import io.consoul.infra.spec.Size;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One cloud's published limits for one instance, checked before any resource is declared. Each implementation holds
 * its cloud's table, transcribed from the doc its comment names, never derived from {@link Size}.
 */
public interface PlatformLimits {

    /** The platform, as messages name it ({@code AWS Fargate}). */
    String platform();

    /** Adds one problem for each way this size and scaling break the platform's limits. */
    void check(Size size, Scaling scaling, boolean concurrencySet, List<String> problems);

    /** The concurrency a stack gets when it sets none: the guide's 80 unless the platform allows less. */
    default int defaultConcurrency(Size size) {
        return Scaling.DEFAULTS.concurrency();
    }

    static PlatformLimits of(Cloud cloud) {
        return switch (cloud) {
            case AWS -> FargateLimits.INSTANCE;
            case GCP -> CloudRunLimits.INSTANCE;
            case AZURE -> ContainerAppsLimits.INSTANCE;
            case K8S -> KubernetesLimits.INSTANCE;
        };
    }

    /** The size closest to this one that the platform accepts (the smaller one on a tie). */
    static Optional<Size> nearestLegal(Size size, Predicate<Size> legal) {
        return Arrays.stream(Size.values()).filter(legal)
                .min(Comparator.comparingInt((Size s) -> Math.abs(s.ordinal() - size.ordinal()))
                        .thenComparingInt(Size::ordinal));
    }

    /** {@code medium (2 vCPU / 4 GiB)}. */
    static String describe(Size size) {
        return size.key() + " (" + describe(size.limits()) + ")";
    }

    /** {@code 2 vCPU / 4 GiB}. */
    static String describe(Resources r) {
        String memory = r.memoryMiB() % 1024 == 0 ? r.memoryMiB() / 1024 + " GiB" : r.memoryMiB() + " MiB";
        return r.vcpu() + " vCPU / " + memory;
    }

    /** The usual refusal of a size: key, value, the platform's limit and its doc, and the nearest legal size. */
    static String sizeRefused(PlatformLimits limits, Size size, String limit, String doc, Predicate<Size> legal) {
        return "consoul:size = " + describe(size) + " is not allowed on " + limits.platform() + ": " + limit
                + " (" + doc + "); nearest legal: " + nearestLegal(size, legal)
                .map(s -> "consoul:size = " + describe(s)).orElse("none");
    }
}
