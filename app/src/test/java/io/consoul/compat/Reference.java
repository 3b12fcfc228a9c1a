package io.consoul.compat;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers the ported reference tests ({@code goatbytes/consoul}, {@code tests/server}) run against: our real
 * service over real HTTP on free ports, started once per JVM and shared by every compatibility test class.
 *
 * <p>{@link Mode} is the matrix the issue asks for: sessions in memory or in Redis, API keys off or on. Other
 * servers carry the settings a group of reference tests configures, given by the reference's own environment
 * variable names ({@code CONSOUL_DEFAULT_LIMITS}, {@code CONSOUL_CORS_ALLOWED_ORIGINS}, …), as an operator would.
 *
 * <p>Every server has {@code echo} as its default model and an OpenAI provider ({@link FakeOpenAi}) for sessions
 * created with {@code "model":"gpt-4o-mini"}: a message containing {@value FakeOpenAi#FAIL} is the reference tests'
 * failing SDK call (their {@code side_effect=RuntimeError}). The breaker is off so each such call reaches the provider.
 */
final class Reference {
    static final String KEY = "sk-compat-valid-key-123";
    static final String PREMIUM_KEY = "sk-premium-compat-key-456";
    /** The model of {@link FakeOpenAi}, which fails the messages that ask it to. */
    static final String FAILING_MODEL = "gpt-4o-mini";
    static final String FAIL = FakeOpenAi.FAIL;

    enum Mode {
        MEMORY_NO_KEYS(false, false), MEMORY_KEYS(false, true), REDIS_NO_KEYS(true, false), REDIS_KEYS(true, true);

        final boolean redis;
        final boolean keys;

        Mode(boolean redis, boolean keys) {
            this.redis = redis;
            this.keys = keys;
        }
    }

    private static final Map<Object, Server> SERVERS = new ConcurrentHashMap<>();
    private static RedisServer redis;
    private static int nextDb = 0;

    private Reference() {}

    static synchronized Server server(Mode mode) {
        return SERVERS.computeIfAbsent(mode, m -> {
            Map<String, String> env = new LinkedHashMap<>(common());
            env.put("CONSOUL_RATE_LIMIT", "100000/minute");
            if (mode.redis) env.put("REDIS_URL", redisUrl());
            if (mode.keys) env.put("CONSOUL_API_KEYS", KEY + "," + PREMIUM_KEY);
            return new Server(ConsoulInstance.start(env), mode.keys ? KEY : null, mode.redis ? redis : null);
        });
    }

    /** A server with settings of its own (the reference's variable names), started once per distinct settings. */
    static synchronized Server configured(String name, String key, boolean withRedis, Map<String, String> settings) {
        return SERVERS.computeIfAbsent(name, n -> {
            Map<String, String> env = new LinkedHashMap<>(common());
            if (withRedis) env.put("REDIS_URL", redisUrl());
            env.putAll(settings);
            return new Server(ConsoulInstance.start(env), key, withRedis ? redis : null);
        });
    }

    private static Map<String, String> common() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENAI_API_KEY", "sk-test");
        env.put("OPENAI_BASE_URL", FakeOpenAi.baseUrl());
        env.put("CONSOUL_MODEL_NAME", "echo");
        env.put("CONSOUL_CIRCUIT_BREAKER_ENABLED", "false");
        env.put("CONSOUL_MODEL_TIMEOUT", "30");
        return env;
    }

    /** The shared test Redis, with a database no other server uses. */
    static synchronized String freshRedisDb() {
        redisUrl();
        return redis.url(nextDb++ % 16);
    }

    static synchronized RedisServer redis() {
        redisUrl();
        return redis;
    }

    private static synchronized String redisUrl() {
        if (redis == null) {
            redis = RedisServer.launch();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                SERVERS.values().forEach(s -> s.app.close());
                redis.close();
            }));
        }
        return redis.url(nextDb++ % 16);
    }

    /** One running server and the key its callers use (null when keys are off). */
    static final class Server {
        final ConsoulInstance app;
        final String key;
        final RedisServer redis;
        final int db;

        Server(ConsoulInstance app, String key, RedisServer redis) {
            this.app = app;
            this.key = key;
            this.redis = redis;
            String url = app.context().getEnvironment().getProperty("REDIS_URL");
            this.db = url == null ? -1 : Resp.db(url);
        }

        /** Runs Redis commands on this server's database. */
        java.util.List<String> redis(String... commands) {
            return Resp.run(redis.port(), db, commands);
        }

        String url() {
            return app.url();
        }

        Http.Response get(String path, String... headers) {
            return Http.get(url() + path, withKey(headers));
        }

        Http.Response post(String path, String body, String... headers) {
            return Http.post(url() + path, body, withKey(headers));
        }

        Http.Response postJson(String path, Object body, String... headers) {
            return post(path, Http.JSON.writeValueAsString(body), headers);
        }

        Http.Response delete(String path, String... headers) {
            return Http.delete(url() + path, withKey(headers));
        }

        Http.Response send(String method, String path, String... headers) {
            return Http.send(HttpRequest.newBuilder(URI.create(url() + path)).method(method, HttpRequest.BodyPublishers.noBody()), headers);
        }

        Http.Response chat(String sessionId, String message) {
            return postJson("/chat", Map.of("session_id", sessionId, "message", message));
        }

        private String[] withKey(String... headers) {
            if (key == null) return headers;
            for (int i = 0; i < headers.length; i += 2) if (headers[i].equalsIgnoreCase("X-API-Key")) return headers;
            List<String> all = new ArrayList<>(List.of(headers));
            all.add("X-API-Key");
            all.add(key);
            return all.toArray(String[]::new);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }
}
