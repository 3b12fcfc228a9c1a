package io.consoul.infra.k8s;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.outputs.LoadBalancerIngress;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.ConsoulComponent;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.Ports;
import io.consoul.infra.spec.StackOutputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Consoul deployment on Kubernetes: a namespace, Redis (in-cluster or external), a Deployment per colour, and
 * the Services {@code consoul} (the active colour) and {@code consoul-preview} (the idle one).
 */
public final class ConsoulService extends ConsoulComponent {
    public static final String TYPE = "consoul:k8s:Service";
    public static final String PRODUCTION_SERVICE = DeploymentSpec.NAME;
    public static final String PREVIEW_SERVICE = DeploymentSpec.NAME + "-preview";

    public ConsoulService(String name, ConsoulServiceArgs args, ComponentResourceOptions options) {
        super(TYPE, name, args.spec(), options);
        DeploymentSpec spec = args.spec();
        var opts = childOptions();
        Output<String> ns = args.namespace().orElseGet(() -> new Namespace(name, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(spec.platform().namespace()).build()).build(), opts)
                .metadata().applyValue(m -> m.name().orElseThrow()));

        var redis = K8sRedis.create(name, spec, ns, opts);
        var config = new ConfigMap(name, ConfigMapArgs.builder()
                .metadata(Meta.named(name, ns)).data(spec.plainEnv()).build(), opts);
        Output<Map<String, String>> data = secretData(spec.secretEnv(redis.host(), redis.port(), false));
        var secret = new Secret(name, SecretArgs.builder()
                .metadata(Meta.named(name, ns))
                .stringData(data)
                .build(), opts);

        var colorOpts = CustomResourceOptions.merge(opts, CustomResourceOptions.builder().dependsOn(config, secret).build());
        for (Color color : spec.colors()) {
            ColorDeployment.create(name, color, spec, ns, name, name, digest(data), colorOpts);
        }
        var production = service(PRODUCTION_SERVICE, spec.activeColor(), spec, ns, opts);
        var preview = service(PREVIEW_SERVICE, spec.idleColor(), spec, ns, opts);

        if (spec.platform().domain().isPresent()) {
            DomainIngress.create(name, spec, ns, opts);
            register(new StackOutputs(Output.of(spec.platform().domainUrl().orElseThrow()),
                    Output.of(spec.platform().previewDomainUrl().orElseThrow()), redis.endpoint()));
        } else {
            register(new StackOutputs(url(production, PRODUCTION_SERVICE, spec, ns),
                    url(preview, PREVIEW_SERVICE, spec, ns), redis.endpoint()));
        }
    }

    /** The stack-config path: the spec read from config. */
    public ConsoulService(String name, DeploymentSpec spec) {
        this(name, ConsoulServiceArgs.builder().spec(spec).build(), ComponentResourceOptions.Empty);
    }

    /** The only way in: port 80 to the app port of one colour's ready pods; the metrics port is not published. */
    private static Service service(String serviceName, Color color, DeploymentSpec spec, Output<String> ns,
                                   CustomResourceOptions opts) {
        return new Service(serviceName, ServiceArgs.builder()
                .metadata(Meta.named(serviceName, ns))
                .spec(ServiceSpecArgs.builder()
                        .type(spec.platform().serviceType())
                        .selector(Meta.colorLabels(color))
                        .ports(ServicePortArgs.builder().name("http").port(Ports.HTTP).targetPort("http").build())
                        .build())
                .build(), opts);
    }

    /** The load balancer's address when there is one; otherwise the in-cluster name (port-forward in dev). */
    private static Output<String> url(Service service, String serviceName, DeploymentSpec spec, Output<String> ns) {
        if (!"LoadBalancer".equals(spec.platform().serviceType())) {
            return ns.applyValue(n -> "http://" + serviceName + "." + n + ".svc.cluster.local");
        }
        return service.status().applyValue(status -> status
                .flatMap(s -> s.loadBalancer())
                .map(lb -> lb.ingress())
                .filter(list -> !list.isEmpty())
                .map(list -> list.get(0))
                .map(ConsoulService::address)
                .map(host -> "http://" + host)
                .orElse(""));
    }

    private static String address(LoadBalancerIngress ingress) {
        return ingress.hostname().orElseGet(() -> ingress.ip().orElse(""));
    }

    /**
     * A SHA-256 over the whole Secret (the Redis password among it), so the pod annotation reveals nothing of any one
     * value yet changes whenever one is rotated.
     */
    static Output<String> digest(Output<Map<String, String>> data) {
        return data.applyValue(d -> {
            try {
                byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(new java.util.TreeMap<>(d).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(hash).substring(0, 16);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        });
    }

    private static Output<Map<String, String>> secretData(Map<String, Output<String>> env) {
        List<String> names = new ArrayList<>(env.keySet());
        return Output.all(new ArrayList<>(env.values())).applyValue(values -> {
            Map<String, String> data = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                data.put(names.get(i), values.get(i));
            }
            return data;
        }).asSecret();
    }
}
