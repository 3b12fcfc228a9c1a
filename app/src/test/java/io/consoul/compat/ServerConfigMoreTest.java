package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** More of {@code tests/server/test_server_config.py}: keys, bypass paths and the Redis URLs, seen from outside. */
class ServerConfigMoreTest {
    static String sessionsDb;
    static String limitsDb;

    /** Sessions, limits and REDIS_URL in three different databases of one Redis. */
    static synchronized Server separate() {
        if (sessionsDb == null) {
            sessionsDb = Reference.freshRedisDb();
            limitsDb = Reference.freshRedisDb();
        }
        return Reference.configured("separate-redis", null, true, Map.of("CONSOUL_SESSION_REDIS_URL", sessionsDb,
                "CONSOUL_RATE_LIMIT_REDIS_URL", limitsDb, "CONSOUL_RATE_LIMIT", "1000/minute"));
    }

    static String in(String url, String command) {
        return Resp.run(Reference.redis().port(), Resp.db(url), command).get(0);
    }

    @Test
    @DisplayName("test_server_config.py::test_security_api_keys_json")
    void keysAsJsonArray() {
        Server server = Servers.configured(); // CONSOUL_API_KEYS as a JSON array
        assertThat(server.get("/sessions/x", "X-Custom-Key", Reference.KEY).status()).isEqualTo(404);
        assertThat(server.get("/sessions/x", "X-Custom-Key", Reference.PREMIUM_KEY).status()).isEqualTo(404);
        assertThat(server.get("/sessions/x", "X-Custom-Key", "[\"" + Reference.KEY).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("test_server_config.py::test_security_api_keys_comma_separated")
    void keysAsCommaList() {
        Server server = Reference.server(Mode.MEMORY_KEYS); // "key1,key2"
        assertThat(Http.get(server.url() + "/sessions/x", "X-API-Key", Reference.KEY).status()).isEqualTo(404);
        assertThat(Http.get(server.url() + "/sessions/x", "X-API-Key", Reference.PREMIUM_KEY).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("test_server_config.py::test_security_api_keys_malformed_json_raises")
    void malformedKeys() {
        assertThatThrownBy(() -> ConsoulInstance.start(Map.of("CONSOUL_API_KEYS", "[\"key1\"")).close())
                .hasStackTraceContaining("CONSOUL_API_KEYS is malformed JSON");
    }

    @Test
    @DisplayName("test_server_config.py::test_security_bypass_paths_json")
    void bypassPathsJson() {
        Server server = Reference.configured("bypass-json", null, false, Map.of("CONSOUL_API_KEYS", Reference.KEY,
                "CONSOUL_BYPASS_PATHS", "[\"/health\",\"/chat\"]", "CONSOUL_RATE_LIMIT", "1000/minute"));
        assertThat(Http.post(server.url() + "/chat", Http.chatBody(Reference.unique("open"), "hi")).status()).isEqualTo(200);
        assertThat(Http.post(server.url() + "/chat/batch", "{\"session_id\":\"x\",\"messages\":[{\"content\":\"a\"}]}").status())
                .isEqualTo(401);
    }

    @Test
    @DisplayName("test_server_config.py::test_security_empty_api_keys")
    void emptyKeys() {
        assertThat(Http.post(FactoryMoreTest.emptyKeys().url() + "/chat", Http.chatBody(Reference.unique("e"), "hi")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_server_config.py::test_session_redis_explicit")
    void sessionRedisExplicit() {
        String id = Reference.unique("explicit");
        separate().chat(id, "hi");
        assertThat(in(sessionsDb, "EXISTS consoul:session:" + id)).isEqualTo(":1");
    }

    @Test
    @DisplayName("test_server_config.py::test_session_redis_explicit_takes_precedence")
    void sessionRedisPrecedence() {
        String id = Reference.unique("precedence");
        Server server = separate();
        server.chat(id, "hi");
        assertThat(server.redis("EXISTS consoul:session:" + id)).as("not in REDIS_URL's database").containsExactly(":0");
    }

    @Test
    @DisplayName("test_server_config.py::test_ratelimit_redis_explicit")
    void limitRedisExplicit() {
        separate().chat(Reference.unique("limits"), "hi");
        assertThat(in(limitsDb, "KEYS consoul:ratelimit:*")).contains("consoul:ratelimit:");
    }

    @Test
    @DisplayName("test_server_config.py::test_ratelimit_redis_explicit_takes_precedence")
    void limitRedisPrecedence() {
        Server server = separate();
        server.chat(Reference.unique("limits"), "hi");
        assertThat(server.redis("KEYS consoul:ratelimit:*").get(0)).doesNotContain("consoul:ratelimit:");
    }

    @Test
    @DisplayName("test_server_config.py::test_separate_redis_instances")
    void separateStores() {
        String id = Reference.unique("apart");
        separate().chat(id, "hi");
        assertThat(in(sessionsDb, "KEYS consoul:ratelimit:*")).doesNotContain("consoul:ratelimit:");
        assertThat(in(limitsDb, "EXISTS consoul:session:" + id)).isEqualTo(":0");
    }

    @Test
    @DisplayName("test_server_config.py::test_session_defaults")
    void sessionDefaults() {
        Server server = Reference.server(Mode.REDIS_NO_KEYS);
        String id = Reference.unique("defaults");
        server.chat(id, "hi");
        long ttl = Long.parseLong(server.redis("TTL consoul:session:" + id).get(0).substring(1));
        assertThat(ttl).as("3600 s").isBetween(3500L, 3600L);
    }

    @Test
    @DisplayName("test_server_config.py::test_ratelimit_defaults")
    void rateLimitDefaults() {
        Server server = Reference.server(Mode.REDIS_NO_KEYS);
        server.chat(Reference.unique("rl-defaults"), "hi");
        assertThat(server.redis("KEYS consoul:ratelimit:*").get(0)).contains("consoul:ratelimit:default:");
    }

    @Test
    @DisplayName("test_server_config.py::test_server_config_defaults")
    void serverDefaults() {
        Server server = Reference.server(Mode.MEMORY_NO_KEYS);
        assertThat(server.get("/health").json().get("service").asString()).isEqualTo("Consoul API");
        assertThat(ServerConfigTest.preflight(server, "https://x.example", "POST", null).header("Access-Control-Max-Age")).isEqualTo("600");
    }

    /** CONSOUL_HOST binds the address (the port is a free one here: tests never take fixed ports). */
    @Test
    @DisplayName("test_server_config.py::test_server_config_from_environment")
    void fromEnvironment() {
        try (ConsoulInstance app = ConsoulInstance.start(Map.of("CONSOUL_HOST", "127.0.0.1", "CONSOUL_API_KEYS", "key1,key2",
                "CONSOUL_CORS_ORIGINS", "https://app.com"))) {
            int port = URI.create(app.url()).getPort();
            assertThat(app.context().getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
            assertThat(Http.get("http://127.0.0.1:" + port + "/sessions/x", "X-API-Key", "key2").status()).isEqualTo(404);
            Server view = new Server(app, null, null);
            assertThat(ServerConfigTest.preflight(view, "https://app.com", "POST", null).header("Access-Control-Allow-Origin"))
                    .isEqualTo("https://app.com");
        }
    }
}
