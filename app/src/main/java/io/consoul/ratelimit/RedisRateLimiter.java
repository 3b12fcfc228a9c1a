package io.consoul.ratelimit;

import io.consoul.redis.LuaScript;
import io.consoul.redis.RedisEndpoint;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared limiter: one EVALSHA per check, so every instance counts against the same window.
 *
 * <p>A check goes out at once, pipelined on the shared connection, while fewer than {@link #MAX_IN_FLIGHT} calls are
 * out. Beyond that, checks queue and the next call to return sends them together (up to {@link #MAX_BATCH} a call):
 * the script runs them one after another, exactly as separate calls would, and each caller gets its own decision.
 * Why both: a check held back while Redis has room only waits, and a queue sent as one call pays one write, read and
 * script start at both ends instead of one per check — so batches grow exactly when Redis or the client is busy.
 * (Holding every check back while one call was out, the rule before, cost 15-25 % of the checks per second in the
 * limiter benchmark, on platform and on virtual threads alike: see bench/README.md.) On a Redis Cluster each check
 * goes alone (a script's keys must share a slot).
 */
public final class RedisRateLimiter implements RateLimiter {
    static final int MAX_BATCH = 64;
    static final int MAX_IN_FLIGHT = 8;

    private static final LuaScript SCRIPT = LuaScript.fromClasspath("/io/consoul/redis/rate-limit.lua");

    /**
     * A bucket's key: {@code <bucket>:list}, a list of admission times. The suffix keeps it apart from the sorted set
     * the previous release kept under {@code <bucket>}: while both colours of a blue-green pair share one Redis,
     * neither meets a key of the other's type (WRONGTYPE would refuse every request of that bucket).
     */
    static final String KEY_SUFFIX = ":list";

    private final RedisEndpoint redis;
    private final ConcurrentLinkedQueue<Check> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public RedisRateLimiter(RedisEndpoint redis) {
        this.redis = redis;
    }

    @Override
    public Decision check(String bucket, RateLimit limit) {
        Check mine = new Check(bucket, limit);
        if (redis.isCluster()) {
            inFlight.incrementAndGet();
            send(List.of(mine));
        } else {
            waiting.add(mine);
            pump(); // at the cap, the next call to return sends it (finished, below)
        }
        try {
            return mine.join(); // every call ends: Redis answers, fails or the connection's timeout expires it
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Sends what is waiting while fewer than {@link #MAX_IN_FLIGHT} calls are out; each finished call pumps again. */
    private void pump() {
        while (!waiting.isEmpty()) {
            int out = inFlight.get();
            if (out >= MAX_IN_FLIGHT) return; // the call that finishes next sends them
            if (!inFlight.compareAndSet(out, out + 1)) continue;
            List<Check> batch = new ArrayList<>();
            for (Check c; batch.size() < MAX_BATCH && (c = waiting.poll()) != null; ) batch.add(c);
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                return;
            }
            send(batch);
        }
    }

    private void send(List<Check> batch) {
        String[] keys = new String[batch.size()];
        String[] args = new String[2 * batch.size()];
        for (int i = 0; i < keys.length; i++) {
            Check c = batch.get(i);
            keys[i] = c.bucket + KEY_SUFFIX;
            args[2 * i] = Integer.toString(c.limit.requests());
            args[2 * i + 1] = Long.toString(c.limit.window().toMillis());
        }
        try {
            SCRIPT.<List<Long>>runAsync(redis, ScriptOutputType.MULTI, keys, args)
                    .whenComplete((r, failure) -> finished(batch, r, failure));
        } catch (RuntimeException e) { // not connected: refused before anything was sent
            finished(batch, null, e);
        }
    }

    private void finished(List<Check> batch, List<Long> r, Throwable failure) {
        for (int i = 0; i < batch.size(); i++) {
            // Redis unavailable, or anything else: every caller in the batch hears of it
            if (failure != null) batch.get(i).completeExceptionally(failure);
            else batch.get(i).complete(new Decision(r.get(3 * i) == 1, r.get(3 * i + 1).intValue(), r.get(3 * i + 2)));
        }
        // Only now: while at the cap, the callers just answered that check again meanwhile queue and join the batch
        // the pump below sends. Queued before this decrement -> sent by that pump; after it -> by the caller's own.
        inFlight.decrementAndGet();
        pump();
    }

    /** Checks waiting for a call (for tests). */
    int queued() {
        return waiting.size();
    }

    /** Calls sent and not yet answered (for tests). */
    int callsOut() {
        return inFlight.get();
    }

    /** One caller's check, completed with its decision once the call that carried it has returned. */
    private static final class Check extends CompletableFuture<Decision> {
        final String bucket;
        final RateLimit limit;

        Check(String bucket, RateLimit limit) {
            this.bucket = bucket;
            this.limit = limit;
        }
    }
}
