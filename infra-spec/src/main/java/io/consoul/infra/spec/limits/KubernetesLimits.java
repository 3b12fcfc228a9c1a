package io.consoul.infra.spec.limits;

import io.consoul.infra.spec.Resources;
import io.consoul.infra.spec.Scaling;
import io.consoul.infra.spec.Size;

import java.util.List;

/**
 * Kubernetes: a container's requests may not exceed its limits
 * (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits). HPA
 * utilisation targets are relative to the request (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details).
 */
public final class KubernetesLimits implements PlatformLimits {
    static final KubernetesLimits INSTANCE = new KubernetesLimits();
    static final String DOC = "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits";

    private KubernetesLimits() {
    }

    @Override
    public String platform() {
        return "k8s";
    }

    public static boolean allows(Resources requests, Resources limits) {
        return requests.cpuMillis() <= limits.cpuMillis() && requests.memoryMiB() <= limits.memoryMiB();
    }

    @Override
    public void check(Size size, Scaling scaling, boolean concurrencySet, List<String> problems) {
        if (!allows(size.requests(), size.limits())) {
            problems.add(PlatformLimits.sizeRefused(this, size, "requests must not exceed limits", DOC,
                    s -> allows(s.requests(), s.limits())));
        }
    }
}
