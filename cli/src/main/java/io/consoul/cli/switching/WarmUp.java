package io.consoul.cli.switching;

import io.consoul.client.ConsoulApiException;
import io.consoul.client.ConsoulClient;
import io.consoul.client.ConsoulTransportException;
import io.consoul.client.RetryPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bake before the traffic moves (ECS blue/green's bake time, Argo Rollouts' pre-promotion analysis): requests
 * through {@code previewUrl} — the idle colour's load balancer, so they spread over its ready instances — until each
 * instance has answered its share and the answers have stopped getting faster. A new JVM answers its first few hundred
 * requests slowly (classes loading, the JIT compiling, pools filling); without this, production pays for that.
 *
 * <p>The requests are the production path: with an API key one {@code /chat} each, in a few warm-up sessions deleted
 * afterwards (each a model call: {@code requestsPerInstance × instances} short ones); without one {@code /health}
 * and {@code /ready}, which warm only the HTTP layer. They are sent in rounds of {@value #ROUND_PER_INSTANCE} per
 * instance, {@code 2 × instances} at a time (at most {@value #MAX_WORKERS}). The warm-up ends once every instance has
 * had {@code requestsPerInstance} and the answers have stopped getting faster — a round's p90 less than 10 % (or 1 ms)
 * below the round before's: settled — or at the timeout (then the switch goes on: the smoke gate has judged the colour correct; the warm-up only spends time).
 * A request that fails — no answer, or an HTTP status other than 2xx and 429 — fails the warm-up, and the switch
 * refuses like a failed smoke test. A 429 (the key's rate limit) ends it early, reported.
 */
final class WarmUp {
    static final int ROUND_PER_INSTANCE = 25;
    static final int MAX_WORKERS = 16;
    /** Settled: the last round's p90 at least this share of the round before's (less than 10 % faster). */
    static final double SETTLED_RATIO = 0.9;
    static final double NOISE_MILLIS = 1.0;
    /** The default of {@code --warm-up}: the requests each instance answers at least before it gets the traffic. */
    static final int DEFAULT_REQUESTS_PER_INSTANCE = 200;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** How the warm-up went: requests sent, p90 of each round (ms), why it ended, the first failure if any. */
    record Result(int sent, List<Double> roundP90s, String ending, String failure) {
        boolean failed() {
            return failure != null;
        }

        String summary(int instances, int workers) {
            List<String> p90s = roundP90s.stream().map(p -> String.format(Locale.ROOT, "%.0f", p)).toList();
            return String.format(Locale.ROOT, "%d requests (%d per instance, %d at a time)%s: %s",
                    sent, instances == 0 ? 0 : sent / instances, workers,
                    p90s.isEmpty() ? "" : ", p90 by round " + shorten(p90s) + " ms", ending);
        }

        private static String shorten(List<String> values) {
            if (values.size() <= 8) {
                return String.join(", ", values);
            }
            return String.join(", ", values.subList(0, 3)) + ", …, " + String.join(", ", values.subList(values.size() - 3, values.size()));
        }
    }

    private final PreviewReach.Endpoint preview;
    private final String apiKey;
    private final int requestsPerInstance;
    private final Duration timeout;

    WarmUp(PreviewReach.Endpoint preview, String apiKey, int requestsPerInstance, Duration timeout) {
        this.preview = preview;
        this.apiKey = apiKey;
        this.requestsPerInstance = requestsPerInstance;
        this.timeout = timeout;
    }

    static int workers(int instances) {
        return Math.max(1, Math.min(MAX_WORKERS, 2 * instances));
    }

    /** Warms {@code instances} ready instances behind the preview URL. */
    Result run(int instances) {
        int workers = workers(instances);
        int roundSize = ROUND_PER_INSTANCE * Math.max(1, instances);
        int minimum = requestsPerInstance * Math.max(1, instances);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsoulClient> clients = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int w = 0; w < workers; w++) {
            clients.add(client());
            sessions.add("consoul-warmup-" + run + "-" + w);
        }
        List<Double> p90s = new ArrayList<>();
        int sent = 0;
        String ending;
        String failure = null;
        try {
            while (true) {
                Round round = round(clients, sessions, roundSize);
                sent += round.sent;
                if (round.failure != null) {
                    failure = round.failure;
                    ending = "failed";
                    break;
                }
                if (round.rateLimited) {
                    ending = "stopped early: the API key's rate limit answered 429";
                    break;
                }
                p90s.add(round.p90Millis);
                int n = p90s.size();
                boolean settled = n >= 2 && stoppedGettingFaster(p90s.get(n - 2), p90s.get(n - 1));
                if (sent >= minimum && settled) {
                    ending = "settled";
                    break;
                }
                if (System.nanoTime() > deadline) {
                    ending = "not settled after " + timeout.toSeconds() + " s (--warm-up-timeout); moving on";
                    break;
                }
            }
        } finally {
            if (apiKey != null) {
                for (int w = 0; w < workers; w++) {
                    deleteQuietly(clients.get(w), sessions.get(w));
                }
            }
        }
        return new Result(sent, List.copyOf(p90s), ending, failure);
    }

    /** The last round less than 10 % (and less than 1 ms, below that it is noise) faster than the one before. */
    static boolean stoppedGettingFaster(double before, double last) {
        return before - last < Math.max(NOISE_MILLIS, (1 - SETTLED_RATIO) * before);
    }

    private record Round(int sent, double p90Millis, boolean rateLimited, String failure) {
    }

    /** {@code size} requests from one thread per client, each taking the next request until none is left. */
    private Round round(List<ConsoulClient> clients, List<String> sessions, int size) {
        AtomicInteger next = new AtomicInteger();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicBoolean limited = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < clients.size(); w++) {
            ConsoulClient client = clients.get(w);
            String session = sessions.get(w);
            Thread t = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < size && failure.get() == null && !limited.get(); i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    try {
                        String refused = request(client, session, i);
                        if (refused != null) {
                            failure.compareAndSet(null, refused);
                        }
                        nanos.add(System.nanoTime() - start);
                    } catch (ConsoulApiException e) {
                        if (e.status() == 429) {
                            limited.set(true);
                        } else {
                            failure.compareAndSet(null, "HTTP " + e.status() + (e.code() != null ? " " + e.code() : ""));
                        }
                    } catch (ConsoulTransportException | IllegalArgumentException e) {
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        failure.compareAndSet(null, "no answer (" + (cause.getMessage() != null ? cause.getMessage()
                                : cause.getClass().getSimpleName()) + ")");
                    }
                }
            }, "warm-up-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.consoul.cli.CliFailure("interrupted");
            }
        }
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        Collections.sort(sorted);
        double p90 = sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1) / 1e6;
        return new Round(Math.min(next.get(), size), p90, limited.get(), failure.get());
    }

    /**
     * The production path when there is a key (a chat turn), else the health endpoints. Returns why the answer is a
     * failure though the call succeeded ({@code /ready} 503: an instance stopped being ready), else null.
     */
    private String request(ConsoulClient client, String session, int i) {
        if (apiKey != null) {
            client.chat(session, "Warm-up " + i + " from consoul switch: reply with one word.");
        } else if (i % 2 == 0) {
            client.health();
        } else if (!client.ready().ready()) {
            return "/ready HTTP 503";
        }
        return null;
    }

    private ConsoulClient client() {
        ConsoulClient.Builder builder = ConsoulClient.builder(preview.url()).connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(ConsoulApi.TIMEOUT).retry(RetryPolicy.NONE);
        if (apiKey != null) {
            builder.apiKey(apiKey);
        }
        preview.headers().forEach(builder::header);
        return builder.build();
    }

    private static void deleteQuietly(ConsoulClient client, String session) {
        try {
            client.deleteSession(session);
        } catch (RuntimeException e) {
            // A leftover warm-up session expires with the session TTL; not worth failing a switch for.
        }
    }
}
