package io.consoul.ratelimit;

import io.consoul.VirtualThreads;
import io.consoul.redis.LuaScript;
import io.consoul.redis.RedisEndpoint;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The shared limiter: one EVALSHA per check, so every instance counts against the same window.
 *
 * <p>Checks that arrive while a call is on its way to Redis wait for it and share the next call (up to
 * {@link #MAX_BATCH}): the script runs them one after another, exactly as separate calls would, and each caller gets
 * its own decision. A check that finds Redis idle goes out at once, alone. One that finds a call out queues; the
 * queue goes as a second, pipelined call as soon as {@link #FULL_BATCH} checks wait in it, else when the call out
 * returns. Never more than {@link #MAX_IN_FLIGHT} calls are out. The Lettuce thread that hands back a batch's
 * decisions sends what has queued meanwhile — after answering, so the callers it answered and who check again at
 * once still make that batch.
 *
 * <p>Why: each call costs a write, a read and a script start at both ends, the most expensive part of a check on a busy
 * machine (see bench/README.md, the limiter), so fewer, fuller calls are what lets a limiter instance keep up. But one
 * call at a time leaves the client idle while Redis works and Redis idle while the client works: on an idle host that
 * strict turn-taking, not CPU, is the ceiling. A second call for a full batch overlaps the two without going back to
 * small batches. Measured on 2 cores, JDK 25, issue 16's scenario, ratio to Bucket4j in the same run (bench/README.md's
 * limiter command), platform / virtual threads: one call at a time 2.22 / 1.66 on an idle host; a second call at 8
 * waiting 2.38-2.46 / 1.84-2.13 over six runs (at 4: 2.60 / 2.03, at 6: 2.55 / 1.86, one run each). The price is some
 * batching: checks per CPU-second against Bucket4j fell from 2.97 / 2.48 to 2.66 / 2.29, and beside two busy processes
 * the two rules gave 1.5-2.2 and 1.6-2.8 in alternating runs, too noisy there to tell apart. Sending every check at
 * once while fewer than 8 calls were out lost on a loaded host (0.60 virtual, 0.93 platform of one call at a time).
 * On a Redis Cluster each check goes alone (a script's keys must share a slot).
 *
 * <p>Callers on virtual threads (the app on Java 21+, as the image runs) that share a call are answered from a virtual
 * thread started for their batch, not from the Lettuce thread that read the reply ({@link #handBack} says why).
 * Measured as above, virtual callers, ratio to Bucket4j in alternating runs of each way: 2.72-2.85 against 1.93-2.24
 * on an idle host, 3.07 and 3.45 against 2.45 and 2.00 beside two busy processes, checks per CPU-second up from
 * 2.2-2.5 to 3.0-3.1; the limiter command itself gave 2.57 (tier 2.73). For platform callers the extra hop cost (2.18
 * and 2.17 against 2.35 and 2.37 in alternating runs), so they are answered as before.
 */
public final class RedisRateLimiter implements RateLimiter {
    static final int MAX_BATCH = 64;
    static final int MAX_IN_FLIGHT = 2;
    /** Checks that, waiting behind a call out, go as a second call without waiting for it to return. */
    static final int FULL_BATCH = 8;

    private static final LuaScript SCRIPT = LuaScript.fromClasspath("/io/consoul/redis/rate-limit.lua");

    /**
     * A bucket's key: {@code <bucket>:list}, a list of admission times. The suffix keeps it apart from the sorted set
     * the previous release kept under {@code <bucket>}: while both colours of a blue-green pair share one Redis,
     * neither meets a key of the other's type (WRONGTYPE would refuse every request of that bucket).
     */
    static final String KEY_SUFFIX = ":list";

    private final RedisEndpoint redis;
    /** Starts the thread that answers a batch whose callers wait on virtual threads; null where the JRE has none. */
    private final ThreadFactory answerers;
    /** Which callers are answered from a thread of {@link #answerers}: those on virtual threads. */
    private final Predicate<Thread> answeredApart;
    private final ConcurrentLinkedQueue<Check> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public RedisRateLimiter(RedisEndpoint redis) {
        this(redis, VirtualThreads.factory("consoul-rate-limit-"), VirtualThreads::isVirtual);
    }

    /** With another rule for who is answered apart: tests on Java 17, which has no virtual threads. */
    RedisRateLimiter(RedisEndpoint redis, ThreadFactory answerers, Predicate<Thread> answeredApart) {
        this.redis = redis;
        this.answerers = answerers;
        this.answeredApart = answeredApart;
    }

    @Override
    public Decision check(String bucket, RateLimit limit) {
        Check mine = new Check(bucket, limit, answerers != null && answeredApart.test(Thread.currentThread()));
        if (redis.isCluster()) {
            inFlight.incrementAndGet();
            send(List.of(mine));
        } else {
            waiting.add(mine);
            // Queued before looking at the calls out: a call finishing meanwhile finds this check, or we see it gone
            pump();
        }
        try {
            return mine.join(); // every call ends: Redis answers, fails or the connection's timeout expires it
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Sends what is waiting: at once while no call is out, as a second call once {@link #FULL_BATCH} wait; else the
     * call out sends it when it returns ({@link #finished}). Liveness rests on that alone: whenever checks wait, a call
     * is out or this loop sends them; how many wait only decides whether a second call goes early.
     */
    private void pump() {
        while (!waiting.isEmpty()) {
            int out = inFlight.get();
            if (out >= MAX_IN_FLIGHT) return; // the call that finishes next sends them
            if (out > 0 && !waitingAtLeast(FULL_BATCH)) return; // not worth a call of its own yet: share the next
            if (!inFlight.compareAndSet(out, out + 1)) continue;
            List<Check> batch = new ArrayList<>();
            for (Check c; batch.size() < MAX_BATCH && (c = waiting.poll()) != null; ) batch.add(c);
            if (batch.isEmpty()) { // another pump took them; a check queued meanwhile may have seen our call "out"
                inFlight.decrementAndGet();
                continue; // so look again: returning here could leave it waiting with nothing out to send it
            }
            send(batch);
        }
    }

    /** Whether at least {@code n} checks wait: a look at the queue's head, where {@code size()} would walk it all. */
    private boolean waitingAtLeast(int n) {
        Iterator<Check> it = waiting.iterator();
        for (int i = 0; i < n; i++) {
            if (!it.hasNext()) return false;
            it.next();
        }
        return true;
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
                    .whenComplete((r, failure) -> handBack(batch, r, failure));
        } catch (RuntimeException e) { // not connected: refused before anything was sent
            finished(batch, null, e);
        }
    }

    /**
     * Answers a batch from the Lettuce thread that read its reply, unless several callers shared it and one of them
     * waits on a virtual thread: then from a new virtual thread. Why: waking a virtual thread from the Lettuce thread
     * hands it to the virtual-thread scheduler from outside, which can wake a carrier thread for each caller, and
     * meanwhile the next reply and the writes queued for Redis wait. One new virtual thread is one such hand-over; from
     * its carrier the callers it wakes go on that carrier's own queue. A lone caller is one hand-over either way, so
     * there the hop only adds a second (one virtual caller checking in a loop: 8.0k and 8.8k checks/s with it, 11.6k
     * and 10.0k without, client CPU 98-106 against 65-72 us a check), and on a Redis Cluster every call carries one check.
     * Platform callers are woken by the OS either way, so for them the hop only costs too.
     */
    private void handBack(List<Check> batch, List<Long> r, Throwable failure) {
        if (batch.size() > 1 && batch.stream().anyMatch(c -> c.answeredApart)) {
            try {
                answerers.newThread(() -> finished(batch, r, failure)).start();
                return;
            } catch (RuntimeException | OutOfMemoryError e) {
                // no thread to be had: answer here, as on Java 17, rather than leave the callers waiting
            }
        }
        finished(batch, r, failure);
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
        /** Answered from a thread of its own, as its caller waits on a virtual thread (see handBack). */
        final boolean answeredApart;

        Check(String bucket, RateLimit limit, boolean answeredApart) {
            this.bucket = bucket;
            this.limit = limit;
            this.answeredApart = answeredApart;
        }
    }
}
