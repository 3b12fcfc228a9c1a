package io.consoul.cli.switching;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke gate over HTTPS, as on a stack with {@code consoul:domain}: a local HTTPS server whose certificate names
 * {@code preview.consoul.test}, reached by that name (the gate's JVM resolves it through a hosts file,
 * {@code jdk.net.hosts.file}, and trusts the test certificates). A certificate for another name is refused.
 */
@Timeout(120)
class HttpsSmokeGateTest {
    private static final String HOST = "preview.consoul.test";
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void aCertificateForThePreviewHostPasses() throws Exception {
        Path trust = trustStore();
        HttpsServer server = serve(dir.resolve("preview.p12"));
        try {
            Gate gate = runGate(trust, "https://" + HOST + ":" + server.getAddress().getPort());
            assertEquals(0, gate.exitCode, gate.output);
            assertTrue(gate.output.contains("PASS /health: HTTP 200, status ok"), gate.output);
            assertTrue(gate.output.contains("PASS version: 1.1.0 (image tag 1.1.0)"), gate.output);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        Path trust = trustStore();
        // Trusted (it is in the trust store), but issued for another host name: TLS must refuse it.
        HttpsServer server = serve(dir.resolve("other.p12"));
        try {
            Gate gate = runGate(trust, "https://" + HOST + ":" + server.getAddress().getPort());
            assertEquals(1, gate.exitCode, gate.output);
            assertTrue(gate.output.contains("FAIL /health: no answer"), gate.output);
            assertTrue(gate.output.contains("No subject alternative DNS name matching " + HOST), gate.output);
        } finally {
            server.stop(0);
        }
    }

    private record Gate(int exitCode, String output) {
    }

    private Gate runGate(Path trust, String url) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 " + HOST + "\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hosts, "-Djavax.net.ssl.trustStore=" + trust,
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-cp", System.getProperty("java.class.path"), SmokeGateMain.class.getName(), url, "ghcr.io/consoul/consoul:1.1.0"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Gate(process.exitValue(), output);
    }

    /** A key pair and self-signed certificate whose subject alternative name is {@code host}. */
    private Path keyStore(String alias, String host) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + host, "-ext", "san=dns:" + host, "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        return store;
    }

    /** Both test certificates ({@code preview.p12}, {@code other.p12}) and a trust store holding both. */
    private Path trustStore() throws Exception {
        Path trust = dir.resolve("trust.p12");
        for (String[] cert : new String[][] {{"preview", HOST}, {"other", "other.consoul.test"}}) {
            Path store = keyStore(cert[0], cert[1]);
            Path pem = dir.resolve(cert[0] + ".crt");
            keytool("-exportcert", "-alias", cert[0], "-keystore", store.toString(), "-storepass", PASSWORD,
                    "-rfc", "-file", pem.toString());
            keytool("-importcert", "-noprompt", "-alias", cert[0], "-file", pem.toString(), "-keystore", trust.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD);
        }
        return trust;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    /** HTTPS on loopback with the key store's certificate: /health and /ready of a healthy 1.1.0. */
    private static HttpsServer serve(Path keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keyStore.toFile())) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        reply(server, "/health", "{\"status\":\"ok\",\"service\":\"consoul\",\"version\":\"1.1.0\",\"timestamp\":\"2026-12-03T08:00:00Z\",\"connections\":0}");
        reply(server, "/ready", "{\"status\":\"ready\",\"checks\":{\"redis\":\"ok\"},\"message\":null,\"timestamp\":\"2026-12-03T08:00:00Z\"}");
        server.start();
        return server;
    }

    private static void reply(HttpsServer server, String path, String json) {
        server.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the client went away
            }
        });
    }
}
