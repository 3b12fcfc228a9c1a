package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Ported from {@code tests/server/test_factory.py}: the factory's set-up as seen from outside. */
class FactoryMoreTest {
    static Server emptyKeys() {
        return Reference.configured("empty-keys", null, false, Map.of("CONSOUL_API_KEYS", "", "CONSOUL_RATE_LIMIT", "1000/minute"));
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestServerFactory::test_create_server_default_config")
    void defaultConfig(Mode mode) {
        assertThat(Servers.openApi().at("/info/title").asString()).isEqualTo("Consoul API");
        assertThat(Http.get(Reference.server(mode).url() + "/health").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestServerFactory::test_create_server_custom_config")
    void customConfig() {
        assertThat(Servers.configured().get("/health").json().get("service").asString()).isEqualTo("Custom Service Name");
    }

    @Test
    @DisplayName("test_factory.py::TestServerFactory::test_create_server_version_metadata")
    void versionMetadata() {
        String version = Reference.server(Mode.MEMORY_KEYS).get("/health").json().get("version").asString();
        assertThat(version).isNotBlank().isEqualTo(Servers.openApi().at("/info/version").asString());
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_factory.py::TestServerFactory::test_limiter_always_configured")
    void limiterAlwaysOn(Mode mode) {
        assertThat(Reference.server(mode).chat(Reference.unique("limiter"), "hi").header("X-RateLimit-Limit")).isNotNull();
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestServerFactory::test_auth_configured_with_api_keys")
    void authOn(Mode mode) {
        assertThat(Http.post(Reference.server(mode).url() + "/chat", Http.chatBody("a", "b")).status()).isEqualTo(401);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_NO_KEYS", "REDIS_NO_KEYS"})
    @DisplayName("test_factory.py::TestServerFactory::test_auth_none_without_api_keys")
    void authOff(Mode mode) {
        assertThat(Http.post(Reference.server(mode).url() + "/chat", Http.chatBody(Reference.unique("a"), "b")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestServerFactory::test_cors_configured")
    void corsConfigured() {
        assertThat(ServerConfigTest.preflight(Reference.server(Mode.MEMORY_NO_KEYS), "https://x.example", "POST", null)
                .header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    @DisplayName("test_factory.py::TestServerFactory::test_rate_limit_custom_config")
    void rateLimitCustom() {
        assertThat(Servers.strict().get("/sessions/" + Reference.unique("custom")).header("X-RateLimit-Limit")).isEqualTo("1");
    }

    @Test
    @DisplayName("test_factory.py::TestAuthIntegration::test_auth_bypass_paths_configured")
    void bypassPathsConfigured() {
        assertThat(Http.post(Servers.configured().url() + "/chat/stream", Http.chatBody(Reference.unique("bp"), "hi")).status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("test_factory.py::TestRateLimitIntegration::test_limiter_decorator_available")
    void limitedRoutesCarryTheHeaders() {
        Http.Response r = Reference.server(Mode.MEMORY_NO_KEYS).chat(Reference.unique("headers"), "hi");
        assertThat(r.headers().map().keySet()).contains("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
                "ratelimit-policy", "ratelimit");
    }

    /** Without keys the bucket is the client's address: two sessions from one address share it. */
    @Test
    @DisplayName("test_factory.py::TestRateLimitIntegration::test_limiter_key_func")
    void bucketIsTheAddressWithoutKeys() {
        Servers.strict().delete("/sessions/" + Reference.unique("one"));
        assertThat(Servers.strict().delete("/sessions/" + Reference.unique("two")).status()).isEqualTo(429);
    }

    @Test
    @DisplayName("test_factory.py::TestLifecycleManagement::test_lifespan_context_executes")
    void startsAndStops() {
        ConsoulInstance app = ConsoulInstance.start(Map.of());
        String url = app.url();
        assertThat(Http.get(url + "/health").status()).isEqualTo(200);
        app.close();
        assertThat(app.context().isActive()).isFalse();
    }

    @Test
    @DisplayName("test_factory.py::TestLifecycleManagement::test_multiple_client_connections")
    void manyClients() {
        Server server = Reference.server(Mode.MEMORY_NO_KEYS);
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 10)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> Http.get(server.url() + "/health").status())).toList();
        calls.forEach(c -> assertThat(c.join()).isEqualTo(200));
    }

    @Test
    @DisplayName("test_factory.py::TestEdgeCases::test_none_config_uses_defaults")
    void defaults() {
        assertThat(Servers.openApi().at("/info/title").asString()).isEqualTo("Consoul API");
        assertThat(Reference.server(Mode.MEMORY_NO_KEYS).get("/health").json().get("service").asString()).isEqualTo("Consoul API");
    }

    @Test
    @DisplayName("test_factory.py::TestEdgeCases::test_empty_api_keys_list")
    void emptyKeysTurnAuthOff() {
        assertThat(Http.post(emptyKeys().url() + "/chat", Http.chatBody(Reference.unique("e"), "hi")).status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestEdgeCases::test_docs_disabled_with_auth")
    void noDocsWithAuth(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/docs").status()).isEqualTo(404);
        assertThat(Http.get(Reference.server(mode).url() + "/redoc").status()).isEqualTo(404);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_NO_KEYS", "REDIS_NO_KEYS"})
    @DisplayName("test_factory.py::TestEdgeCases::test_docs_enabled_without_auth")
    void noDocsWithoutAuth(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/docs").status()).isEqualTo(404);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestAuthBypassVerification::test_health_in_bypass_paths")
    void healthBypassed(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/health").status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    @DisplayName("test_factory.py::TestAuthBypassVerification::test_ready_in_bypass_paths")
    void readyBypassed(Mode mode) {
        assertThat(Http.get(Reference.server(mode).url() + "/ready").status()).isEqualTo(200);
    }
}
