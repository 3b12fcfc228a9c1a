package io.consoul.infra.k8s;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.Ingress;
import com.pulumi.kubernetes.networking.v1.IngressArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressPathArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressRuleValueArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressServiceBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressTLSArgs;
import com.pulumi.kubernetes.networking.v1.inputs.ServiceBackendPortArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.Map;

/**
 * HTTPS on the stack's domain: an Ingress (the cluster's default IngressClass) for {@code <domain>} → Service
 * {@code consoul} and {@code preview.<domain>} → Service {@code consoul-preview}, its certificate issued by the
 * cert-manager ClusterIssuer {@code tlsIssuer} (https://cert-manager.io/docs/usage/ingress/) into the Secret
 * {@code consoul-tls}. DNS for both names points at the ingress controller; the program does not manage it.
 */
final class DomainIngress {
    static final String ISSUER_ANNOTATION = "cert-manager.io/cluster-issuer";
    static final String TLS_SECRET = DeploymentSpec.NAME + "-tls";

    private DomainIngress() {
    }

    static Ingress create(String name, DeploymentSpec spec, Output<String> namespace, CustomResourceOptions opts) {
        String domain = spec.platform().domain().orElseThrow();
        String preview = spec.platform().previewDomain().orElseThrow();
        ObjectMetaArgs meta = ObjectMetaArgs.builder().name(name).namespace(namespace)
                .labels(Map.of(Meta.APP_LABEL, DeploymentSpec.NAME, "app.kubernetes.io/managed-by", "pulumi"))
                .annotations(Map.of(ISSUER_ANNOTATION, spec.platform().tlsIssuer().orElseThrow()))
                .build();
        return new Ingress(name, IngressArgs.builder()
                .metadata(meta)
                .spec(IngressSpecArgs.builder()
                        .tls(IngressTLSArgs.builder().hosts(domain, preview).secretName(TLS_SECRET).build())
                        .rules(rule(domain, ConsoulService.PRODUCTION_SERVICE), rule(preview, ConsoulService.PREVIEW_SERVICE))
                        .build())
                .build(), opts);
    }

    private static IngressRuleArgs rule(String host, String service) {
        return IngressRuleArgs.builder().host(host)
                .http(HTTPIngressRuleValueArgs.builder().paths(HTTPIngressPathArgs.builder()
                        .path("/").pathType("Prefix")
                        .backend(IngressBackendArgs.builder().service(IngressServiceBackendArgs.builder()
                                .name(service).port(ServiceBackendPortArgs.builder().name("http").build()).build())
                                .build())
                        .build()).build())
                .build();
    }
}
