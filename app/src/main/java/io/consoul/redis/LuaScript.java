package io.consoul.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script called by its SHA: one round trip per call. The SHA is computed here, so nothing is loaded at
 * start-up; the first call on a Redis that has not seen the script (a new or restarted server) gets NOSCRIPT
 * and is repeated once with EVAL, which also caches the script there.
 */
public final class LuaScript {
    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = Hashing.sha1Hex(source);
    }

    public static LuaScript fromClasspath(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing script " + resource);
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T run(RedisEndpoint redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            try {
                return redis.commands().evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.commands().eval(source, type, keys, args);
            }
        } catch (RedisException e) {
            throw new RedisUnavailableException("Redis script failed", e);
        }
    }

    /**
     * The same call without waiting: the result, or a {@link RedisUnavailableException} when Redis failed. NOSCRIPT
     * is answered with one EVAL as in {@link #run}.
     */
    public <T> CompletionStage<T> runAsync(RedisEndpoint redis, ScriptOutputType type, String[] keys, String... args) {
        var commands = redis.async();
        CompletionStage<T> first = commands.evalsha(sha, type, keys, args);
        return first.exceptionallyCompose(e -> cause(e) instanceof RedisNoScriptException
                        ? commands.<T>eval(source, type, keys, args) : CompletableFuture.failedStage(e))
                .exceptionallyCompose(e -> CompletableFuture.failedStage(cause(e) instanceof RedisException
                        ? new RedisUnavailableException("Redis script failed", cause(e)) : cause(e)));
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
