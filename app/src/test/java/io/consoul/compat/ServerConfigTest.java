package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ported from {@code tests/server/test_server_config.py}: each setting's effect seen from outside — CORS answers to a
 * browser's preflight, where sessions and counters land in Redis and for how long, start-up refusing bad values.
 */
class ServerConfigTest {

    static Http.Response preflight(Server server, String origin, String method, String headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/chat"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) request.header("Access-Control-Request-Headers", headers);
        return Http.send(request);
    }

    /** {@code https://a.com,https://b.com} as a JSON array, on a server that has it. */
    static Server jsonOrigins() {
        return Reference.configured("json-origins", null, false, Map.of(
                "CONSOUL_CORS_ORIGINS", "[\"https://a.com\",\"https://b.com\"]",
                "CONSOUL_CORS_ALLOW_HEADERS", "[\"X-Auth\",\"Content-Type\"]", "CONSOUL_CORS_ALLOW_METHODS", "GET,POST,PUT,DELETE"));
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_origins_comma_separated")
    void originsCommaSeparated() {
        Server server = Servers.configured();
        assertThat(preflight(server, "https://app.example.com", "POST", null).header("Access-Control-Allow-Origin"))
                .isEqualTo("https://app.example.com");
        assertThat(preflight(server, "https://admin.example.com", "POST", null).header("Access-Control-Allow-Origin"))
                .isEqualTo("https://admin.example.com");
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_origins_json_array")
    void originsJsonArray() {
        assertThat(preflight(jsonOrigins(), "https://b.com", "POST", null).header("Access-Control-Allow-Origin")).isEqualTo("https://b.com");
        assertThat(preflight(jsonOrigins(), "https://c.com", "POST", null).header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_origins_malformed_json_raises")
    void malformedOriginsStopTheStartUp() {
        assertThatThrownBy(() -> ConsoulInstance.start(Map.of("CONSOUL_CORS_ORIGINS", "[\"https://a.com\"")).close())
                .hasStackTraceContaining("CONSOUL_CORS_ORIGINS is malformed JSON");
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_origins_alias")
    void allowedOriginsAlias() {
        Server server = Servers.configured(); // set through CONSOUL_CORS_ALLOWED_ORIGINS
        assertThat(preflight(server, "https://app.example.com", "POST", null).header("Access-Control-Allow-Origin"))
                .isEqualTo("https://app.example.com");
        assertThat(preflight(server, "https://evil.example.com", "POST", null).header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_origins_single_value")
    void singleOrigin() {
        Server server = Reference.configured("single-origin", null, false, Map.of("CONSOUL_CORS_ORIGINS", "https://app.com"));
        assertThat(preflight(server, "https://app.com", "POST", null).header("Access-Control-Allow-Origin")).isEqualTo("https://app.com");
        assertThat(preflight(server, "https://other.com", "POST", null).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_default_wildcard")
    void defaultWildcard() {
        Http.Response r = preflight(Reference.server(Mode.MEMORY_KEYS), "https://anywhere.example", "POST", "content-type,x-api-key");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_allow_methods_comma_separated")
    void methodsCommaSeparated() {
        assertThat(preflight(jsonOrigins(), "https://a.com", "PUT", null).header("Access-Control-Allow-Methods")).contains("PUT");
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_allow_methods_json_array")
    void methodsJsonArray() {
        Server server = Servers.configured();
        assertThat(preflight(server, "https://app.example.com", "POST", null).header("Access-Control-Allow-Methods")).contains("POST");
        Http.Response delete = preflight(server, "https://app.example.com", "DELETE", null);
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_allow_headers_comma_separated")
    void headersCommaSeparated() {
        Server server = Servers.configured();
        assertThat(preflight(server, "https://app.example.com", "POST", "content-type,x-custom-key").header("Access-Control-Allow-Headers"))
                .containsIgnoringCase("x-custom-key");
        assertThat(preflight(server, "https://app.example.com", "POST", "x-other").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_allow_headers_json_array")
    void headersJsonArray() {
        assertThat(preflight(jsonOrigins(), "https://a.com", "POST", "x-auth").header("Access-Control-Allow-Headers")).containsIgnoringCase("x-auth");
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_allow_credentials_from_env")
    void credentials() {
        assertThat(preflight(Servers.configured(), "https://app.example.com", "POST", null).header("Access-Control-Allow-Credentials"))
                .isEqualTo("true");
        assertThat(preflight(jsonOrigins(), "https://a.com", "POST", null).header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_max_age_from_env")
    void maxAge() {
        assertThat(preflight(Servers.configured(), "https://app.example.com", "POST", null).header("Access-Control-Max-Age")).isEqualTo("1234");
        assertThat(preflight(jsonOrigins(), "https://a.com", "POST", null).header("Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    @DisplayName("test_server_config.py::test_cors_origins_whitespace_handling")
    void whitespace() {
        // CONSOUL_CORS_ALLOWED_ORIGINS="https://app.example.com, https://admin.example.com": the space is not part of it
        assertThat(preflight(Servers.configured(), "https://admin.example.com", "POST", null).header("Access-Control-Allow-Origin"))
                .isEqualTo("https://admin.example.com");
    }

    @Test
    @DisplayName("test_server_config.py::test_session_redis_universal_fallback")
    void redisUrlServesSessions() {
        Server server = Reference.server(Mode.REDIS_NO_KEYS);
        String id = Reference.unique("universal");
        server.chat(id, "hi");
        assertThat(server.redis("EXISTS consoul:session:" + id)).containsExactly(":1");
    }

    @Test
    @DisplayName("test_server_config.py::test_ratelimit_redis_universal_fallback")
    void redisUrlServesLimits() {
        Server server = Reference.server(Mode.REDIS_NO_KEYS);
        server.chat(Reference.unique("limits"), "hi");
        assertThat(server.redis("KEYS consoul:ratelimit:*").get(0)).contains("consoul:ratelimit:");
    }

    @Test
    @DisplayName("test_server_config.py::test_session_ttl_from_env")
    void sessionTtlInSeconds() {
        Server server = Servers.configured();
        String id = Reference.unique("ttl");
        assertThat(server.post("/chat", Http.chatBody(id, "hi"), "X-Custom-Key", Reference.PREMIUM_KEY).status()).isEqualTo(200);
        long ttl = Long.parseLong(server.redis("TTL compat:sessions:" + id).get(0).substring(1));
        assertThat(ttl).as("CONSOUL_SESSION_TTL=7200 is two hours, not 7.2 s").isBetween(7100L, 7200L);
    }

    @Test
    @DisplayName("test_server_config.py::test_session_key_prefix_from_env")
    void sessionKeyPrefix() {
        Server server = Servers.configured();
        String id = Reference.unique("prefix");
        server.post("/chat", Http.chatBody(id, "hi"), "X-Custom-Key", Reference.PREMIUM_KEY);
        assertThat(server.redis("EXISTS compat:sessions:" + id, "EXISTS consoul:session:" + id)).containsExactly(":1", ":0");
    }

    @Test
    @DisplayName("test_server_config.py::test_ratelimit_enabled_from_env")
    void rateLimitingOff() {
        Server server = Servers.unchecked(); // CONSOUL_ENABLED=false with CONSOUL_DEFAULT_LIMITS=1/minute
        for (int i = 0; i < 3; i++) assertThat(server.chat(Reference.unique("unlimited"), "hi").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_server_config.py::test_ratelimit_strategy_from_env")
    void strategyAccepted() {
        try (ConsoulInstance app = ConsoulInstance.start(Map.of("CONSOUL_STRATEGY", "fixed-window"))) {
            assertThat(Http.get(app.url() + "/health").status()).isEqualTo(200);
        }
        assertThatThrownBy(() -> ConsoulInstance.start(Map.of("CONSOUL_STRATEGY", "sliding")).close())
                .hasStackTraceContaining("CONSOUL_STRATEGY");
    }

    /** The reference's observability settings: metrics moved, or off. */
    @Test
    void observabilitySettings() {
        try (ConsoulInstance moved = ConsoulInstance.start(Map.of("CONSOUL_OBSERVABILITY_METRICS_PATH", "/prom"));
             ConsoulInstance off = ConsoulInstance.start(Map.of("CONSOUL_OBSERVABILITY_PROMETHEUS_ENABLED", "false"))) {
            String movedBase = moved.metricsUrl().replace("/metrics", "");
            assertThat(Http.get(movedBase + "/prom").body()).contains("# HELP consoul_");
            assertThat(Http.get(moved.metricsUrl()).status()).isEqualTo(404);
            assertThat(Http.get(off.metricsUrl()).status()).isEqualTo(404);
        }
    }

    /** Ours: the limiter's keys live under CONSOUL_KEY_PREFIX. */
    @Test
    void rateLimitKeyPrefix() {
        Server server = Servers.configured();
        server.post("/chat", Http.chatBody(Reference.unique("kp"), "hi"), "X-Custom-Key", Reference.PREMIUM_KEY);
        assertThat(server.redis("KEYS compat:limits:*").get(0)).contains("compat:limits:premium:");
    }
}
