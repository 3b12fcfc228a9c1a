package io.consoul.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates for TLS tests, made by the {@code openssl} command in a temporary folder: self-signed CAs, and server
 * certificates for a loopback IP address (an IP SAN, as managed Redis serves them), valid for two days.
 */
public final class TestCertificates {
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates create() throws IOException {
        return new TestCertificates(Files.createTempDirectory("consoul-certs-"));
    }

    /** A self-signed CA: {@code <name>.crt} and {@code <name>.key}. */
    public Path ca(String name, String commonName) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
                "-days", "2", "-subj", "/CN=" + commonName);
        return dir.resolve(name + ".crt");
    }

    /** {@code <name>.crt} and {@code <name>.key} for {@code subject}, naming 127.0.0.1 only, signed by CA {@code caName}. */
    public Path server(String name, String subject, String caName) throws IOException, InterruptedException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", caName + ".crt", "-CAkey", caName + ".key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2", "-extfile", "san.cnf");
        return dir.resolve(name + ".crt");
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public String pem(String name) throws IOException {
        return Files.readString(dir.resolve(name)).trim();
    }

    /** {@code redis-server} arguments for TLS on {@code tlsPort} with certificate {@code server}, clients not asked for one. */
    public String[] redisTls(int tlsPort, String server, String caName) {
        return new String[] {"--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", file(server + ".crt").toString(), "--tls-key-file", file(server + ".key").toString(),
                "--tls-ca-cert-file", file(caName + ".crt").toString(), "--tls-auth-clients", "no"};
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("openssl is needed to make test certificates: sudo apt-get install -y openssl", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + out);
    }
}
