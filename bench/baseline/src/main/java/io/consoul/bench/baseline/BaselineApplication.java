package io.consoul.bench.baseline;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The naive same-stack {@code /chat}: what Spring Boot MVC on Tomcat does with the same three synchronous Redis
 * calls per request on one Lettuce connection, and nothing else — the limiter script, the session GET, the session
 * compare-and-set script (the app's own Lua files), the echo reply, JSON in and out. No auth, no metrics, no
 * validation, no error contract: the ceiling the real service is measured against.
 */
@SpringBootApplication
public class BaselineApplication {
    public static void main(String[] args) {
        SpringApplication.run(BaselineApplication.class, args);
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> redis(@Value("${baseline.redis-url}") String url) {
        return RedisClient.create(url).connect();
    }

    record ChatRequest(String session_id, String message) {}

    record Usage(int prompt_tokens, int completion_tokens, int total_tokens) {}

    record ChatReply(String session_id, String response, String model, Usage usage, String timestamp) {}

    @RestController
    static class ChatController {
        private final RedisCommands<String, String> redis;
        private final JsonMapper json = JsonMapper.builder().build();
        private final Script limiter = new Script("rate-limit.lua");
        private final Script compareAndSet = new Script("session-cas.lua");

        ChatController(StatefulRedisConnection<String, String> connection) {
            this.redis = connection.sync();
        }

        @PostMapping("/chat")
        ResponseEntity<ChatReply> chat(@RequestBody ChatRequest request) {
            List<Long> limit = limiter.run(redis, ScriptOutputType.MULTI, new String[] {"baseline:ratelimit:/chat"},
                    "100000000", "60000", Long.toHexString(ThreadLocalRandom.current().nextLong()));
            if (limit.get(0) != 1) return ResponseEntity.status(429).build();

            String key = "baseline:session:" + request.session_id();
            String stored = redis.get(key);
            Map<String, Object> session = stored == null ? newSession(request.session_id()) : read(stored);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> messages = (List<Map<String, Object>>) session.get("messages");
            String reply = "Echo: " + request.message();
            messages.add(Map.of("role", "user", "content", request.message()));
            messages.add(Map.of("role", "assistant", "content", reply));
            session.put("updated_at", Instant.now().toString());
            String updated = json.writeValueAsString(session);
            Long saved = compareAndSet.run(redis, ScriptOutputType.INTEGER, new String[] {key, "baseline:active-sessions"},
                    stored == null ? "" : sha1(stored), updated, "3600", request.session_id());
            if (saved != 1) return ResponseEntity.status(409).build();

            int prompt = request.message().split("\\s+").length;
            int completion = reply.split("\\s+").length;
            return ResponseEntity.ok(new ChatReply(request.session_id(), reply, "echo",
                    new Usage(prompt, completion, prompt + completion), Instant.now().toString()));
        }

        private Map<String, Object> newSession(String id) {
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("session_id", id);
            session.put("model", "echo");
            session.put("messages", new ArrayList<>());
            session.put("created_at", Instant.now().toString());
            return session;
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> read(String stored) {
            return json.readValue(stored, LinkedHashMap.class);
        }
    }

    /** EVALSHA, and EVAL once on a Redis that has not seen the script. */
    static final class Script {
        final String source;
        final String sha;

        Script(String name) {
            try (InputStream in = BaselineApplication.class.getResourceAsStream(name)) {
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sha = sha1(source);
        }

        <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
            try {
                return redis.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.eval(source, type, keys, args);
            }
        }
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
