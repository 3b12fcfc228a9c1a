package io.consoul.compat;

import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The servers with settings of their own that groups of ported tests share (started on first use). */
final class Servers {
    private Servers() {}

    /** {@code CONSOUL_DEFAULT_LIMITS=1/minute}: the reference tests' strict limit, keys off. */
    static Server strict() {
        return Reference.configured("strict", null, false, Map.of("CONSOUL_DEFAULT_LIMITS", "1/minute"));
    }

    /** Sessions in a Redis that is not there (the reference tests' {@code store.load} raising {@code OSError}). */
    static Server deadSessionStore() {
        return Reference.configured("dead-session-store", null, false, Map.of(
                "CONSOUL_SESSION_REDIS_URL", "redis://127.0.0.1:" + RedisServer.freePort(), "CONSOUL_RATE_LIMIT", "100000/minute"));
    }

    /**
     * Most of the reference's settings at once, by its variable names: app name, key header and query names, bypass
     * paths, several default limits, tiers, CORS (allowed origins, methods, headers, credentials, max age), body size,
     * session TTL and key prefix, the limiter's key prefix; sessions and limits in Redis.
     */
    static Server configured() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONSOUL_APP_NAME", "Custom Service Name");
        env.put("CONSOUL_API_KEYS", "[\"" + Reference.KEY + "\",\"" + Reference.PREMIUM_KEY + "\"]");
        env.put("CONSOUL_HEADER_NAME", "X-Custom-Key");
        env.put("CONSOUL_QUERY_NAME", "token");
        env.put("CONSOUL_BYPASS_PATHS", "/health,/ready,/chat/stream");
        env.put("CONSOUL_DEFAULT_LIMITS", "3/minute;100/hour");
        env.put("CONSOUL_RATE_LIMIT_TIERS", "{\"premium\": \"100/minute\"}");
        env.put("CONSOUL_API_KEY_TIERS", "{\"sk-premium-*\": \"premium\"}");
        env.put("CONSOUL_KEY_PREFIX", "compat:limits");
        env.put("CONSOUL_CORS_ALLOWED_ORIGINS", "https://app.example.com, https://admin.example.com");
        env.put("CONSOUL_CORS_ALLOW_METHODS", "[\"GET\",\"POST\"]");
        env.put("CONSOUL_CORS_ALLOW_HEADERS", "Content-Type,X-Custom-Key");
        env.put("CONSOUL_CORS_ALLOW_CREDENTIALS", "true");
        env.put("CONSOUL_CORS_MAX_AGE", "1234");
        env.put("CONSOUL_MAX_BODY_SIZE", "2048");
        env.put("CONSOUL_SESSION_TTL", "7200");
        env.put("CONSOUL_SESSION_KEY_PREFIX", "compat:sessions:");
        return Reference.configured("configured", null, true, env);
    }

    /** {@code CONSOUL_VALIDATION_ENABLED=false} and {@code CONSOUL_ENABLED=false}: no body limit, no rate limit. */
    static Server unchecked() {
        return Reference.configured("unchecked", null, false, Map.of(
                "CONSOUL_VALIDATION_ENABLED", "false", "CONSOUL_ENABLED", "false", "CONSOUL_DEFAULT_LIMITS", "1/minute"));
    }

    private static JsonNode openApi;

    static synchronized JsonNode openApi() {
        if (openApi == null) openApi = Http.JSON.readTree(Reference.server(Reference.Mode.MEMORY_KEYS).get("/openapi.json").body());
        return openApi;
    }
}
