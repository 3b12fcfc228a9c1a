package io.consoul.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import io.consoul.support.TestCertificates;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code rediss://} as managed Redis serves it: a server certificate from a private CA (Memorystore's case), trusted
 * through {@code CONSOUL_REDIS_CA_CERT}, and refused — by the certificate check, while the server is up and serves a
 * trusting client — when that CA is not trusted.
 */
@Timeout(90)
class RedisTlsTest {
    static TestCertificates certs;
    static RedisServer redis;
    static int tlsPort;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create();
        certs.ca("ca", "Consoul Test CA");
        certs.server("server", "/CN=127.0.0.1", "ca");
        tlsPort = RedisServer.freePort();
        redis = RedisServer.launch(certs.redisTls(tlsPort, "server", "ca"));
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Test
    void aRedissUrlWithTheCaTrustedServesSessionsAndLimits() throws Exception {
        String caPem = certs.pem("ca.crt");
        try (ConsoulInstance app = ConsoulInstance.start(Map.of(
                "consoul.redis-url", "rediss://127.0.0.1:" + tlsPort + "/0", "consoul.redis-ca-cert", caPem))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(app.url() + "/ready").status() == 200);
            assertThat(Http.post(app.url() + "/chat", Http.chatBody("over-tls", "hello")).status()).isEqualTo(200);
            assertThat(redis.command("EXISTS consoul:session:over-tls")).isEqualTo(":1");
        }
    }

    @Test
    void anUntrustedServerCertificateIsRefused() {
        // The server is up and serves TLS to a client that trusts its CA...
        SslOptions trusting = SslOptions.builder().jdkSslProvider().trustManager(certs.file("ca.crt").toFile()).build();
        assertThat(tlsPing(trusting)).as("a client trusting the CA").isEqualTo("PONG");
        // ...and a client with the JDK's trust store only (the app's, without CONSOUL_REDIS_CA_CERT) is refused for the
        // certificate: a refusal that a missing server could not produce.
        assertThatThrownBy(() -> tlsPing(SslOptions.create())).satisfies(e ->
                assertThat(causes(e)).contains("PKIX path"));
        try (ConsoulInstance app = ConsoulInstance.start(Map.of("consoul.redis-url", "rediss://127.0.0.1:" + tlsPort + "/0"))) {
            assertThat(Http.get(app.url() + "/ready").status()).isEqualTo(503);
            assertThat(Http.post(app.url() + "/chat", Http.chatBody("not-over-tls", "hello")).status()).isEqualTo(503);
        }
    }

    /** PING over TLS with {@code ssl}; throws what the connection failed with. */
    private static String tlsPing(SslOptions ssl) {
        RedisClient client = RedisClient.create(RedisURI.create("rediss://127.0.0.1:" + tlsPort));
        client.setOptions(ClientOptions.builder().sslOptions(ssl).build());
        try (var connection = client.connect()) {
            return connection.sync().ping();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) all.append(t).append('\n');
        return all.toString();
    }
}
