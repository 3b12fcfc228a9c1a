package io.consoul.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.support.RedisServer;
import io.consoul.support.TestCertificates;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS to Redis the way Memorystore serves it: the server certificate names the instance's IP address (an IP SAN, no
 * DNS name), and the instance has several CAs while one rotates in (the cloud program hands the app all of them in
 * {@code CONSOUL_REDIS_CA_CERT}). The app must trust every CA of the bundle, and still verify the address.
 */
@Timeout(60)
class MemorystoreTlsTest {
    static TestCertificates certs;
    static RedisServer redis;
    static int tlsPort;
    static String oldCa;
    static String newCa;
    static ClientResources resources;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create();
        certs.ca("old-ca", "Memorystore test CA (old)");
        certs.ca("new-ca", "Memorystore test CA (new)");
        // After a rotation the server certificate is signed by the new CA; it names the address only.
        certs.server("server", "/O=Google, Inc/CN=redis-server", "new-ca");
        oldCa = certs.pem("old-ca.crt");
        newCa = certs.pem("new-ca.crt");
        tlsPort = RedisServer.freePort();
        redis = RedisServer.launch(certs.redisTls(tlsPort, "server", "new-ca"));
        resources = DefaultClientResources.create();
    }

    @AfterAll
    static void stop() {
        redis.close();
        resources.shutdown();
    }

    @Test
    void everyCaOfTheBundleIsTrustedAndTheIpAddressIsVerified() {
        // The order the instance lists them: the old CA first, the one that signed the server second.
        String bundle = oldCa + "\n" + newCa;
        RedisEndpoint endpoint = new RedisEndpoint("Session", "rediss://127.0.0.1:" + tlsPort + "/1", false,
                Duration.ofSeconds(5), TrustedCa.sslOptions(bundle), resources);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            endpoint.connect(scheduler, Duration.ofMinutes(1));
            assertThat(endpoint.ping()).as("connected over TLS to the IP the certificate names").isTrue();
        } finally {
            endpoint.close();
            scheduler.shutdownNow();
        }
    }

    @Test
    void aBundleWithoutTheSigningCaIsRefused() {
        assertThat(handshakeFailure("127.0.0.1", oldCa)).contains("PKIX path");
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefused() {
        // The certificate names 127.0.0.1 and no DNS name: reaching the same server as "localhost" must fail, which
        // shows the address is verified, not merely the chain.
        assertThat(handshakeFailure("localhost", oldCa + "\n" + newCa)).contains("No name matching localhost");
    }

    /** The TLS failure, through the same options the app builds, or fails the test if the connection succeeds. */
    private static String handshakeFailure(String host, String bundle) {
        RedisClient client = RedisClient.create(resources, RedisURI.create("rediss://" + host + ":" + tlsPort));
        client.setOptions(ClientOptions.builder().sslOptions(TrustedCa.sslOptions(bundle)).build());
        try (var connection = client.connect()) {
            throw new AssertionError("connected to " + host + " with a bundle that should not verify: " + connection.sync().ping());
        } catch (RuntimeException e) {
            StringBuilder causes = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                causes.append(t).append('\n');
            }
            return causes.toString();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
