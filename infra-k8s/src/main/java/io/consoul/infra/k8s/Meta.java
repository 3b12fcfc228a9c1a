package io.consoul.infra.k8s;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.Map;

/** Names and labels: every app object carries {@code app=consoul}, each colour's pods {@code color=<colour>}. */
final class Meta {
    static final String APP_LABEL = "app";
    static final String COLOR_LABEL = "color";

    private Meta() {
    }

    static ObjectMetaArgs named(String name, Output<String> namespace) {
        return ObjectMetaArgs.builder().name(name).namespace(namespace)
                .labels(Map.of(APP_LABEL, DeploymentSpec.NAME, "app.kubernetes.io/managed-by", "pulumi")).build();
    }

    static Map<String, String> colorLabels(Color color) {
        return Map.of(APP_LABEL, DeploymentSpec.NAME, COLOR_LABEL, color.key());
    }

    static LabelSelectorArgs selector(Map<String, String> labels) {
        return LabelSelectorArgs.builder().matchLabels(labels).build();
    }
}
