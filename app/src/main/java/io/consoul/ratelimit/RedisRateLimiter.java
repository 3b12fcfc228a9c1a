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
 * <p>Checks that arrive while a call is on its way to Redis wait for it and share the next call (up to
 * {@link #MAX_BATCH}; a longer queue goes in up to {@link #MAX_IN_FLIGHT} pipelined calls): the script runs them one
 * after another, exactly as separate calls would, and each caller gets its own decision. A check that finds Redis
 * idle goes out at once, alone; one that finds a call out waits for it and then one round trip of its own. The Lettuce
 * thread that hands back a batch's decisions sends what has queued meanwhile — after answering, so the callers it
 * answered and who check again at once still make that batch. Why: each call costs a write, a read and a script
 * start at both ends, the most expensive part of a check on a busy machine (see bench/README.md, the limiter), so
 * fewer, fuller calls are what lets a limiter instance keep up. (Measured: sending at once while fewer than 8 calls
 * were out gave 1.1-1.4 times the checks per second on an idle machine, but 0.60 (virtual threads) and 0.93 (platform)
 * times with two busy processes beside it — and a loaded host is where a limiter's throughput counts.) On a Redis
 * Cluster each check goes alone (a script's keys must share a slot).
 */
public final class RedisRateLimiter implements RateLimiter {
    static final int MAX_BATCH = 64;
    static final int MAX_IN_FLIGHT = 2;

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
            // Redis idle: send now. Otherwise the call out sends this one when it returns (finished, below): had
            // every caller sent while a call was out, each would go in a batch of one or two and pay its own write,
            // read and script call at both ends.
            if (inFlight.get() == 0) pump();
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
        // Only now: the callers just answered that check again meanwhile find a call still out and queue behind it,
        // so they join the next batch instead of each sending its own. Queued before this decrement -> sent by the
        // pump below; after it -> the caller finds Redis idle and sends.
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
