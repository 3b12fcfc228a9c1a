package io.consoul.local.faults;

import io.consoul.client.ConsoulApiException;
import io.consoul.client.ConsoulClient;
import io.consoul.client.ConsoulTransportException;
import io.consoul.client.Responses.Message;
import io.consoul.client.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A steady load of {@code POST /chat} through the load balancer, spread over many sessions, with the Java client
 * and no client-side retries (a failure is counted, not hidden). Each session belongs to one worker thread, so its
 * messages go in order, one at a time; every message the server acknowledged (200) is remembered, and
 * {@link #stopAndVerify()} reads each session's history back to find any acknowledged message that was lost.
 */
public final class LoadDriver {
    private final ConsoulClient client;
    private final ConsoulClient reader;
    private final List<String> sessions = new ArrayList<>();
    private final int threads;
    private final Duration pause;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> workers = new ArrayList<>();
    private final Map<String, List<Ack>> acked = new ConcurrentHashMap<>();
    private final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
    /** Each request's start and time taken, for percentiles over a window ({@link #p99Millis}). */
    private final List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();

    /** One acknowledged message and when the answer arrived. */
    record Ack(String message, long atNanos) {}

    /**
     * @param url      the production URL (HAProxy)
     * @param sessions how many sessions to spread the load over
     * @param threads  concurrent requests at most
     * @param pause    each worker's pause between two requests: sets the rate, keeps the load steady
     */
    public LoadDriver(String url, String apiKey, String sessionPrefix, int sessions, int threads, Duration pause) {
        this.client = ConsoulClient.builder(url).apiKey(apiKey).retry(RetryPolicy.NONE)
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(20)).build();
        this.reader = ConsoulClient.builder(url).apiKey(apiKey).requestTimeout(Duration.ofSeconds(20)).build();
        this.threads = threads;
        this.pause = pause;
        String run = Long.toString(System.nanoTime(), 36);
        for (int s = 0; s < sessions; s++) this.sessions.add(sessionPrefix + "-" + run + "-" + s);
        for (String s : this.sessions) acked.put(s, Collections.synchronizedList(new ArrayList<>()));
    }

    public LoadDriver start() {
        running.set(true);
        for (int t = 0; t < threads; t++) {
            List<String> mine = new ArrayList<>();
            for (int s = t; s < sessions.size(); s += threads) mine.add(sessions.get(s));
            Thread worker = new Thread(() -> work(mine), "load-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        return this;
    }

    private void work(List<String> mine) {
        int turn = 0;
        while (running.get()) {
            String session = mine.get(turn % mine.size());
            String message = session + " #" + turn++;
            long start = System.nanoTime();
            sent.increment();
            try {
                client.chat(session, message);
                ok.increment();
                acked.get(session).add(new Ack(message, System.nanoTime()));
            } catch (ConsoulApiException e) {
                if (e.status() == 429) rateLimited.increment();
                else failures.computeIfAbsent(e.status() + " " + e.code(), k -> new LongAdder()).increment();
            } catch (ConsoulTransportException e) {
                failures.computeIfAbsent("no answer", k -> new LongAdder()).increment();
            }
            latenciesNanos.add(System.nanoTime() - start);
            samples.add(new long[] {start, System.nanoTime() - start});
            sleep(pause.toMillis());
        }
    }

    /** Stops the load, waits for the requests in flight, and checks every session's history. */
    public LoadReport stopAndVerify() {
        running.set(false);
        for (Thread w : workers) {
            try {
                w.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int lost = 0;
        List<String> lostDetails = new ArrayList<>();
        for (String session : sessions) {
            List<String> expected = acked.get(session).stream().map(Ack::message).toList();
            if (expected.isEmpty()) continue;
            String missing;
            try {
                var stored = reader.session(session);
                List<String> history = stored.messages().stream()
                        .filter(m -> "user".equals(m.role())).map(Message::content).toList();
                missing = firstMissing(stored.historyTrimmed() ? keptByTheBound(expected, history) : expected, history);
            } catch (RuntimeException e) {
                missing = "the whole history (" + e.getMessage() + ")";
            }
            if (missing != null) {
                lost++;
                if (lostDetails.size() < 5) lostDetails.add(session + " lost '" + missing + "'");
            }
        }
        Map<String, Long> failed = new TreeMap<>();
        failures.forEach((k, v) -> failed.put(k, v.sum()));
        List<Long> sorted;
        synchronized (latenciesNanos) {
            sorted = new ArrayList<>(latenciesNanos);
        }
        Collections.sort(sorted);
        double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
        return new LoadReport(sent.sum(), ok.sum(), failed.values().stream().mapToLong(Long::longValue).sum(),
                rateLimited.sum(), p99, sessions.size(), lost, failed, lostDetails);
    }

    /** Sessions with an acknowledged message before {@code atNanos} and another after it (continued across an event). */
    public int sessionsSpanning(long atNanos) {
        int n = 0;
        for (List<Ack> acks : acked.values()) {
            synchronized (acks) {
                boolean before = acks.stream().anyMatch(a -> a.atNanos() < atNanos);
                boolean after = acks.stream().anyMatch(a -> a.atNanos() > atNanos);
                if (before && after) n++;
            }
        }
        return n;
    }

    /** The 99th percentile (ms) of the requests started in [{@code fromNanos}, {@code toNanos}), and how many. */
    public double[] p99Millis(long fromNanos, long toNanos) {
        List<Long> window = new ArrayList<>();
        synchronized (samples) {
            for (long[] s : samples) if (s[0] >= fromNanos && s[0] < toNanos) window.add(s[1]);
        }
        Collections.sort(window);
        double p99 = window.isEmpty() ? 0 : window.get((int) Math.ceil(window.size() * 0.99) - 1) / 1e6;
        return new double[] {p99, window.size()};
    }

    public long sentSoFar() {
        return sent.sum();
    }

    /** The first acknowledged message not found, in order, in the history; null when none is missing. */
    /**
     * What a session trimmed by the server's bound (CONSOUL_SESSION_MAX_MESSAGES / _BYTES) must still hold: every
     * acknowledged message from the oldest one it kept on. The bound drops the oldest turns on purpose; a message
     * missing after that one is lost. With none of the acknowledged messages kept, all of them count as expected.
     */
    static List<String> keptByTheBound(List<String> expected, List<String> history) {
        for (String kept : history) {
            int from = expected.indexOf(kept);
            if (from >= 0) return expected.subList(from, expected.size());
        }
        return expected;
    }

    static String firstMissing(List<String> expected, List<String> history) {
        int h = 0;
        for (String message : expected) {
            while (h < history.size() && !history.get(h).equals(message)) h++;
            if (h == history.size()) return message;
            h++;
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
