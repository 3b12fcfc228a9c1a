package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;
import io.consoul.cli.StackConfig;
import io.consoul.cli.Cli;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every shipped stack file, how {@code consoul switch} reaches previewUrl: directly, with an identity token it
 * takes itself, through port-forwards it opens itself, or — when this machine cannot — a refusal before anything
 * changes that says exactly what to do. The tools are stand-ins here: the decisions and messages are the point.
 */
class PreviewReachTest {
    private final List<List<String>> ran = new ArrayList<>();
    private final List<String> forwarded = new ArrayList<>();

    @Test
    @DisplayName("every shipped stack file has its way in")
    void everyShippedStackFile() throws IOException {
        Map<String, PreviewReach.Way> ways = new TreeMap<>();
        try (Stream<Path> files = Files.list(Cli.repositoryRoot())) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("Pulumi\\..+\\.yaml")).toList()) {
                StackConfig config = StackConfig.load(file);
                ways.put(config.stackName(), PreviewReach.wayOf(config));
            }
        }
        Map<String, PreviewReach.Way> expected = new TreeMap<>();
        for (String env : List.of("dev", "staging", "production")) {
            for (String cloud : List.of("aws", "gcp", "azure", "k8s")) {
                expected.put(cloud + "-" + env, PreviewReach.Way.DIRECT);
            }
        }
        expected.put("gcp-dev", PreviewReach.Way.IDENTITY_TOKEN);     // consoul:allowPublicAccess false
        expected.put("azure-dev", PreviewReach.Way.INSIDE_VNET);      // internal environment
        expected.put("k8s-dev", PreviewReach.Way.PORT_FORWARD);       // consoul:serviceType ClusterIP
        assertEquals(expected, ways);
    }

    @Test
    @DisplayName("private Cloud Run: with gcloud the token is taken and sent; without, the refusal says how")
    void identityToken() {
        String url = "https://green---consoul-abc123-uc.a.run.app";
        PreviewReach.Endpoint e = reach("gcp-dev", PreviewReach.Way.IDENTITY_TOKEN, true, true).preview(url);
        assertEquals(url, e.url());
        assertEquals(Map.of("Authorization", "Bearer eyJ-test-token"), e.headers());
        assertEquals(List.of(List.of("gcloud", "auth", "print-identity-token")), ran);

        CliFailure refused = assertThrows(CliFailure.class,
                () -> reach("gcp-dev", PreviewReach.Way.IDENTITY_TOKEN, false, true).preview(url));
        assertEquals("cannot reach gcp-dev: " + url + " is a private Cloud Run service (consoul:allowPublicAccess false): "
                + "its callers need an identity token. Install the Google Cloud CLI and run `gcloud auth login` (consoul then "
                + "takes the token itself with `gcloud auth print-identity-token`), or pass --identity-token "
                + "\"$(gcloud auth print-identity-token)\". Nothing was changed.", refused.getMessage());
    }

    @Test
    @DisplayName("ClusterIP: with kubectl a port-forward per Service is opened; without, the refusal gives the commands")
    void portForward() {
        String preview = "http://consoul-preview.consoul.svc.cluster.local";
        PreviewReach reach = reach("k8s-dev", PreviewReach.Way.PORT_FORWARD, true, true);
        assertEquals("http://127.0.0.1:40001", reach.preview(preview).url());
        assertEquals("http://127.0.0.1:40002", reach.production("http://consoul.consoul.svc.cluster.local").url());
        assertEquals(List.of("consoul/consoul-preview", "consoul/consoul"), forwarded);

        CliFailure refused = assertThrows(CliFailure.class,
                () -> reach("k8s-dev", PreviewReach.Way.PORT_FORWARD, false, true).preview(preview));
        assertEquals("cannot reach k8s-dev: " + preview + " is a ClusterIP Service (consoul:serviceType), reachable only "
                + "inside the cluster. Install kubectl with access to the cluster (consoul then opens the port-forwards "
                + "itself), or run `kubectl port-forward --namespace consoul service/consoul-preview 18080:80` and "
                + "`kubectl port-forward --namespace consoul service/consoul 18081:80` in another shell and pass "
                + "--preview-url http://127.0.0.1:18080 --url http://127.0.0.1:18081. Nothing was changed.", refused.getMessage());
    }

    @Test
    @DisplayName("internal Container Apps ingress: reached when its name resolves here, else run inside the VNet")
    void insideTheVnet() {
        String preview = "https://consoul---green.internal.calmsea-1234.eastus.azurecontainerapps.io";
        assertEquals(preview, reach("azure-dev", PreviewReach.Way.INSIDE_VNET, true, true).preview(preview).url());
        CliFailure refused = assertThrows(CliFailure.class,
                () -> reach("azure-dev", PreviewReach.Way.INSIDE_VNET, true, false).preview(preview));
        assertEquals("cannot reach azure-dev: " + preview + " is internal to its Container Apps environment "
                + "(consoul:allowPublicAccess false) and reachable only inside that environment's VNet; "
                + "consoul---green.internal.calmsea-1234.eastus.azurecontainerapps.io does not resolve here. Run consoul "
                + "switch from a machine in the VNet (a jump box or a self-hosted CI runner there), or pass --preview-url and "
                + "--url of your own tunnel. Nothing was changed.", refused.getMessage());
    }

    @Test
    @DisplayName("the operator's own tunnel and token replace what the command would make")
    void overrides() {
        PreviewReach reach = reach("k8s-dev", PreviewReach.Way.PORT_FORWARD, false, true)
                .withOverrides("http://127.0.0.1:18080", "http://127.0.0.1:18081", null);
        assertEquals("http://127.0.0.1:18080", reach.preview("http://consoul-preview.consoul.svc.cluster.local").url());
        assertEquals("http://127.0.0.1:18081", reach.production("http://consoul.consoul.svc.cluster.local").url());
        PreviewReach token = reach("gcp-dev", PreviewReach.Way.IDENTITY_TOKEN, false, true).withOverrides(null, null, "t0k");
        assertEquals(Map.of("Authorization", "Bearer t0k"), token.preview("https://x.a.run.app").headers());
        assertTrue(ran.isEmpty() && forwarded.isEmpty());
    }

    private PreviewReach reach(String stack, PreviewReach.Way way, boolean toolsPresent, boolean resolves) {
        PreviewReach.Forwarder forwarder = new PreviewReach.Forwarder() {
            @Override
            public String open(String namespace, String service) {
                forwarded.add(namespace + "/" + service);
                return "http://127.0.0.1:" + (40000 + forwarded.size());
            }

            @Override
            public void close() {
            }
        };
        return new PreviewReach(stack, way, tool -> toolsPresent, command -> {
            ran.add(command);
            return "eyJ-test-token\n";
        }, forwarder, host -> resolves);
    }
}
