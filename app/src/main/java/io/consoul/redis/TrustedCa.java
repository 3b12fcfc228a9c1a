package io.consoul.redis;

import io.lettuce.core.SslOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code CONSOUL_REDIS_CA_CERT}: managed Redis whose TLS certificate is signed by a private CA (Memorystore) needs
 * that CA trusted. Given as PEM text (what a cloud program can pass as an environment variable) or a file path.
 */
final class TrustedCa {
    private TrustedCa() {}

    static SslOptions sslOptions(String caCert) {
        if (caCert == null || caCert.isBlank()) return SslOptions.create();
        return SslOptions.builder().jdkSslProvider().trustManager(pemFile(caCert.trim()).toFile()).build();
    }

    private static Path pemFile(String caCert) {
        if (!caCert.startsWith("-----BEGIN")) {
            Path path = Path.of(caCert);
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("CONSOUL_REDIS_CA_CERT is neither PEM text nor a readable file: " + caCert);
            }
            return path;
        }
        try {
            Path file = Files.createTempFile("consoul-redis-ca", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, caCert, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
