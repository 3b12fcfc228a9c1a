package io.consoul.ratelimit;

import io.consoul.redis.LuaScript;
import io.consoul.redis.RedisEndpoint;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared limiter: one EVALSHA per check, so every instance counts against the same window.
 *
 * <p>Checks that arrive while another is on its way to Redis share the next call (up to {@link #MAX_BATCH}): the
 * script runs them one after another, exactly as separate calls would, and each caller gets its own decision. Under
 * load that turns many round trips and script calls into few; a lone check goes out at once, as before. The caller
 * whose check is waiting sends the batch itself — no extra thread — and hands over to the next waiting caller when
 * its own decision is in. On a Redis Cluster each check goes alone (a script's keys must share a slot).
 */
public final class RedisRateLimiter implements RateLimiter {
    static final int MAX_BATCH = 64;
    private static final LuaScript SCRIPT = LuaScript.fromClasspath("/io/consoul/redis/rate-limit.lua");

    private final RedisEndpoint redis;
    private final ConcurrentLinkedQueue<Check> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sending = new ReentrantLock();

    public RedisRateLimiter(RedisEndpoint redis) {
        this.redis = redis;
    }

    @Override
    public Decision check(String bucket, RateLimit limit) {
        Check mine = new Check(bucket, limit, Thread.currentThread());
        if (redis.isCluster()) {
            send(List.of(mine));
            return mine.outcome();
        }
        waiting.add(mine);
        while (!mine.done) {
            if (sending.tryLock()) {
                try {
                    while (!mine.done) send(drain());
                } finally {
                    sending.unlock();
                }
                // Whoever queued while this thread was sending may be parked: the first of them sends next.
                Check next = waiting.peek();
                if (next != null) LockSupport.unpark(next.caller);
            } else {
                LockSupport.park(this);
            }
        }
        return mine.outcome();
    }

    private List<Check> drain() {
        List<Check> batch = new ArrayList<>();
        for (Check c; batch.size() < MAX_BATCH && (c = waiting.poll()) != null; ) batch.add(c);
        return batch;
    }

    private void send(List<Check> batch) {
        if (batch.isEmpty()) return;
        String[] keys = new String[batch.size()];
        String[] args = new String[3 * batch.size()];
        for (int i = 0; i < keys.length; i++) {
            Check c = batch.get(i);
            keys[i] = c.bucket;
            args[3 * i] = Integer.toString(c.limit.requests());
            args[3 * i + 1] = Long.toString(c.limit.window().toMillis());
            args[3 * i + 2] = Long.toHexString(ThreadLocalRandom.current().nextLong());
        }
        try {
            List<Long> r = SCRIPT.run(redis, ScriptOutputType.MULTI, keys, args);
            for (int i = 0; i < keys.length; i++) {
                batch.get(i).finish(new Decision(r.get(3 * i) == 1, r.get(3 * i + 1).intValue(), r.get(3 * i + 2)), null);
            }
        } catch (RuntimeException e) { // Redis unavailable, or anything else: every caller in the batch hears of it
            for (Check c : batch) c.finish(null, e);
        }
    }

    /** One caller's check, its outcome once the batch that carried it has returned. */
    private static final class Check {
        final String bucket;
        final RateLimit limit;
        final Thread caller;
        private Decision decision;
        private RuntimeException failure;
        volatile boolean done;

        Check(String bucket, RateLimit limit, Thread caller) {
            this.bucket = bucket;
            this.limit = limit;
            this.caller = caller;
        }

        void finish(Decision decision, RuntimeException failure) {
            this.decision = decision;
            this.failure = failure;
            this.done = true; // publishes both fields
            if (caller != Thread.currentThread()) LockSupport.unpark(caller);
        }

        Decision outcome() {
            if (failure != null) throw failure;
            return decision;
        }
    }
}
