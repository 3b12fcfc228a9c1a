package io.consoul.bench;

import io.consoul.support.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thousands of open streams on one instance (issue 16): {@code POST /chat/stream} with the echo model paced at
 * {@code CONSOUL_ECHO_TOKEN_DELAY} (200 ms) and a ten-word message, 1 GiB heap, Redis stores. First the unloaded
 * stream time (streams one after another), then at each concurrency level a closed loop that keeps that many streams
 * open: median latency against the unloaded time, completed streams per second against the ideal (open streams ÷
 * unloaded time), errors, and what each open stream costs (heap live after a full GC, resident memory, threads).
 * The knee is the first level whose median passes 1.5 × the unloaded time.
 *
 * <p>Run: {@code ./mvnw -B -pl bench -am verify -Pbench -DskipTests -Dbench.main=io.consoul.bench.StreamBenchmark}
 * ({@code -Dbench.streams.levels=250,500,1000,2000,3000,4000}, {@code -Dbench.streams.seconds=20}). Prints figures;
 * asserts nothing. The load generator (the JDK's HTTP client) shares the machine with the service.
 */
public final class StreamBenchmark {
    static final String MESSAGE = "one two three four five six seven eight nine ten";
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** One stream: when it started, how long it took, and what went wrong (null when it ended with a done event). */
    record Outcome(long startNanos, long latencyNanos, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    public static void main(String[] args) throws Exception {
        int[] levels = Arrays.stream(System.getProperty("bench.streams.levels", "250,500,1000,2000,3000,4000").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.getInteger("bench.streams.seconds", 20);
        try (RedisServer redis = RedisServer.launch();
             ChatBenchmark.AppProcess app = ChatBenchmark.AppProcess.start(redis, "--consoul.echo-token-delay=200ms")) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            String url = app.url + "/chat/stream";
            System.out.printf("Streams: echo at 200 ms a token, a ten-word message, -Xmx1g, Redis stores, %d cores, %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

            for (int i = 0; i < 3; i++) once(client, url, "warm-" + i); // JIT, connections, scripts
            double[] alone = new double[5];
            for (int i = 0; i < alone.length; i++) alone[i] = once(client, url, "alone-" + i) / 1e6;
            double unloaded = ChatBenchmark.median(alone);
            System.out.printf("unloaded stream time: median %.0f ms (%s)%n", unloaded, Arrays.toString(alone));
            Footprint idle = Footprint.of(app.pid());
            System.out.printf("idle: heap live %.1f MiB, resident %.1f MiB, %d threads%n",
                    idle.heapKib / 1024.0, idle.rssKib / 1024.0, idle.threads);

            Integer knee = null;
            for (int open : levels) {
                Level level = closedLoop(client, url, open, seconds, unloaded, app.pid());
                double ideal = open / (unloaded / 1000);
                System.out.printf("%5d open: median %6.0f ms (%.2f x unloaded), p99 %6.0f ms, %7.1f streams/s (%3.0f %% of ideal %.0f), "
                                + "errors %s; per open stream: heap %.1f KiB, resident %.1f KiB, threads %.2f%n",
                        open, level.median, level.median / unloaded, level.p99, level.perSecond, 100 * level.perSecond / ideal,
                        ideal, level.errors.isEmpty() ? "0" : level.errors, (level.footprint.heapKib - idle.heapKib) / (double) open,
                        (level.footprint.rssKib - idle.rssKib) / (double) open,
                        (level.footprint.threads - idle.threads) / (double) open);
                if (knee == null && level.median > 1.5 * unloaded) knee = open;
            }
            System.out.println(knee == null ? "knee: none up to " + levels[levels.length - 1] + " open streams"
                    : "knee: the median passes 1.5 x unloaded at " + knee + " open streams");
        }
    }

    record Level(double median, double p99, double perSecond, java.util.Map<String, Integer> errors, Footprint footprint) {}

    /** {@code open} clients each starting a new stream as soon as theirs ends; measured after one stream time. */
    static Level closedLoop(HttpClient client, String url, int open, int seconds, double unloadedMillis, long pid)
            throws Exception {
        long warmupNanos = (long) (2 * unloadedMillis * 1e6);
        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long measureTo = measureFrom + seconds * 1_000_000_000L;
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(open);
        AtomicInteger sessions = new AtomicInteger();
        for (int c = 0; c < open; c++) {
            next(client, url, measureTo, outcomes, finished, sessions, "s" + open + "-" + c);
        }
        Thread.sleep(Math.max(0, (measureFrom + (measureTo - measureFrom) / 2 - System.nanoTime()) / 1_000_000));
        Footprint footprint = Footprint.of(pid); // in the middle of the measured interval: all streams open
        finished.await();
        List<Long> latencies = new ArrayList<>();
        java.util.Map<String, Integer> errors = new java.util.TreeMap<>();
        long completedInWindow = 0;
        for (Outcome o : outcomes) {
            long end = o.startNanos + o.latencyNanos;
            if (!o.ok()) {
                errors.merge(o.failure(), 1, Integer::sum);
                continue;
            }
            if (end >= measureFrom && end <= measureTo) completedInWindow++;
            if (o.startNanos >= measureFrom) latencies.add(o.latencyNanos);
        }
        double[] ms = latencies.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
        return new Level(ChatBenchmark.median(ms), ms.length == 0 ? 0 : ms[(int) Math.min(ms.length - 1, Math.ceil(0.99 * ms.length) - 1)],
                completedInWindow / (double) seconds, errors, footprint);
    }

    private static void next(HttpClient client, String url, long until, ConcurrentLinkedQueue<Outcome> outcomes,
                             CountDownLatch finished, AtomicInteger sessions, String clientId) {
        if (System.nanoTime() >= until) {
            finished.countDown();
            return;
        }
        long start = System.nanoTime();
        client.sendAsync(request(url, clientId + "-" + sessions.incrementAndGet()), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    String problem = failure != null ? rootCause(failure).getClass().getSimpleName()
                            : response.statusCode() != 200 ? "HTTP " + response.statusCode()
                            : response.body().contains("event: error") ? "error event"
                            : !response.body().contains("event: done") ? "no done event" : null;
                    outcomes.add(new Outcome(start, System.nanoTime() - start, problem));
                    next(client, url, until, outcomes, finished, sessions, clientId);
                });
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    static long once(HttpClient client, String url, String session) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = client.send(request(url, session), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("event: done")) {
            throw new IllegalStateException("stream failed: " + r.statusCode() + " " + r.body());
        }
        return System.nanoTime() - start;
    }

    static HttpRequest request(String url, String session) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"session_id\":\"" + session + "\",\"message\":\"" + MESSAGE + "\"}"))
                .build();
    }

    /** The service's heap live after a full GC ({@code jcmd GC.run}), its resident memory and its threads. */
    record Footprint(long heapKib, long rssKib, long threads) {
        static Footprint of(long pid) throws IOException, InterruptedException {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            run(jcmd, Long.toString(pid), "GC.run");
            Matcher m = HEAP_USED.matcher(run(jcmd, Long.toString(pid), "GC.heap_info"));
            long heap = m.find() ? Long.parseLong(m.group(1)) : -1;
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return new Footprint(heap, field(status, "VmRSS"), field(status, "Threads"));
        }

        private static long field(String status, String name) {
            Matcher m = Pattern.compile(name + ":\\s+(\\d+)").matcher(status);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        private static String run(String... command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        }
    }
}
