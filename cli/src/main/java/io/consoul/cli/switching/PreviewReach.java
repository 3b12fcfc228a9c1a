package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;
import io.consoul.cli.StackConfig;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.Platform;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How this command reaches a stack's {@code previewUrl} (and {@code url}) from where it runs, decided from the stack
 * file before anything changes. Where it can, it makes the way itself: an identity token for a private Cloud Run
 * service ({@code gcloud auth print-identity-token}), port-forwards to ClusterIP Services ({@code kubectl
 * port-forward}). Where it cannot, it refuses with exactly what to do: install the tool, or run inside the VNet of an
 * internal Container Apps environment, or pass {@code --preview-url}/{@code --url} of your own tunnel.
 */
final class PreviewReach implements AutoCloseable {
    /** The way in, per shipped stack file (docs/cli.md has the table). */
    enum Way { DIRECT, IDENTITY_TOKEN, PORT_FORWARD, INSIDE_VNET }

    /** A URL and the headers a request to it needs. */
    record Endpoint(String url, Map<String, String> headers) {
    }

    /** Opens a local port-forward to a Service; answers its local URL. */
    interface Forwarder extends AutoCloseable {
        String open(String namespace, String service);

        @Override
        void close();
    }

    static final String PREVIEW_SERVICE = "consoul-preview";
    static final String PRODUCTION_SERVICE = "consoul";

    private final String stackName;
    private final Way way;
    private final Predicate<String> onPath;
    private final CloudCli cli;
    private final Forwarder forwarder;
    private final Predicate<String> resolves;
    /** The operator's own: {@code --preview-url}, {@code --url}, {@code --identity-token} (null when not given). */
    private String previewOverride;
    private String urlOverride;
    private String token;

    PreviewReach(String stackName, Way way, Predicate<String> onPath, CloudCli cli, Forwarder forwarder,
                 Predicate<String> resolves) {
        this.stackName = stackName;
        this.way = way;
        this.onPath = onPath;
        this.cli = cli;
        this.forwarder = forwarder;
        this.resolves = resolves;
    }

    /** Your own tunnel or token instead of the one this command would make. */
    PreviewReach withOverrides(String previewUrl, String url, String identityToken) {
        this.previewOverride = previewUrl;
        this.urlOverride = url;
        this.token = identityToken;
        return this;
    }

    /** The real tools: PATH, processes, kubectl port-forward, DNS. */
    static PreviewReach real(String stackName, Way way) {
        return new PreviewReach(stackName, way, CloudCli::onPath, CloudCli.PROCESS, new KubectlForward(),
                PreviewReach::resolvable);
    }

    static PreviewReach direct(String stackName) {
        return real(stackName, Way.DIRECT);
    }

    /** From the stack's spec: private Cloud Run, internal Container Apps ingress, ClusterIP Services, or direct. */
    static Way wayOf(StackConfig config) {
        Platform platform = config.spec().platform();
        if (config.cloud() == Cloud.GCP && !platform.allowPublicAccess()) {
            return Way.IDENTITY_TOKEN;
        }
        if (config.cloud() == Cloud.AZURE && !platform.allowPublicAccess()) {
            return Way.INSIDE_VNET;
        }
        if (config.cloud() == Cloud.K8S && !"LoadBalancer".equals(platform.serviceType())) {
            return Way.PORT_FORWARD;
        }
        return Way.DIRECT;
    }

    Way way() {
        return way;
    }

    /** How to call {@code previewUrl}; refuses, with what to do, when this machine cannot. */
    Endpoint preview(String previewUrl) {
        return reach(previewUrl, PREVIEW_SERVICE);
    }

    /** How to call {@code url} after the update (a fresh port-forward: the Service now selects the other colour). */
    Endpoint production(String url) {
        return reach(url, PRODUCTION_SERVICE);
    }

    private Endpoint reach(String url, String service) {
        String given = service.equals(PREVIEW_SERVICE) ? previewOverride : urlOverride;
        if (given != null || token != null) {
            return new Endpoint(given != null ? given : url,
                    token != null ? Map.of("Authorization", "Bearer " + token) : Map.of());
        }
        return switch (way) {
            case DIRECT -> new Endpoint(url, Map.of());
            case IDENTITY_TOKEN -> {
                if (!onPath.test("gcloud")) {
                    throw refuse(url + " is a private Cloud Run service (consoul:allowPublicAccess false): its callers need an "
                            + "identity token. Install the Google Cloud CLI and run `gcloud auth login` (consoul then takes the "
                            + "token itself with `gcloud auth print-identity-token`), or pass --identity-token "
                            + "\"$(gcloud auth print-identity-token)\"");
                }
                String token = cli.run(List.of("gcloud", "auth", "print-identity-token")).strip();
                yield new Endpoint(url, Map.of("Authorization", "Bearer " + token));
            }
            case PORT_FORWARD -> {
                String namespace = namespaceOf(url);
                if (!onPath.test("kubectl")) {
                    throw refuse(url + " is a ClusterIP Service (consoul:serviceType), reachable only inside the cluster. "
                            + "Install kubectl with access to the cluster (consoul then opens the port-forwards itself), or run "
                            + "`kubectl port-forward --namespace " + namespace + " service/" + PREVIEW_SERVICE + " 18080:80` and "
                            + "`kubectl port-forward --namespace " + namespace + " service/" + PRODUCTION_SERVICE + " 18081:80` "
                            + "in another shell and pass --preview-url http://127.0.0.1:18080 --url http://127.0.0.1:18081");
                }
                yield new Endpoint(forwarder.open(namespace, service), Map.of());
            }
            case INSIDE_VNET -> {
                String host = URI.create(url).getHost();
                if (!resolves.test(host)) {
                    throw refuse(url + " is internal to its Container Apps environment (consoul:allowPublicAccess false) and "
                            + "reachable only inside that environment's VNet; " + host + " does not resolve here. Run consoul "
                            + "switch from a machine in the VNet (a jump box or a self-hosted CI runner there), or pass "
                            + "--preview-url and --url of your own tunnel");
                }
                yield new Endpoint(url, Map.of());
            }
        };
    }

    private CliFailure refuse(String what) {
        return new CliFailure("cannot reach " + stackName + ": " + what + ". Nothing was changed.");
    }

    /** {@code http://consoul-preview.consoul.svc.cluster.local} → {@code consoul}. */
    static String namespaceOf(String url) {
        String host = URI.create(url).getHost();
        String[] parts = host == null ? new String[0] : host.split("\\.");
        if (parts.length < 3 || !host.endsWith(".svc.cluster.local")) {
            throw new CliFailure("cannot tell the namespace of " + url + ": expected <service>.<namespace>.svc.cluster.local");
        }
        return parts[1];
    }

    private static boolean resolvable(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        forwarder.close();
    }
}
