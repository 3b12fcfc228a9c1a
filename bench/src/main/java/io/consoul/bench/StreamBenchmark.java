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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thousands of open streams on one instance (issue 16): {@code POST /chat/stream} with the echo model paced at
 * {@code CONSOUL_ECHO_TOKEN_DELAY} (200 ms) and a ten-word message, 1 GiB heap, Redis stores. First the unloaded
 * stream time (streams one after another), then a warm-up level that is not reported (the JIT compiles the stream
 * path under load), then at each concurrency level a closed loop that keeps that many streams open: median latency
 * against the unloaded time, completed streams per second against the ideal (open streams ÷ unloaded time), errors,
 * what each open stream costs (heap live after a full GC, resident memory, threads), and the CPU each completed
 * stream cost the service, the load generator and Redis. The knee is the first level whose median passes 1.5 × the
 * unloaded time.
 *
 * <p>Run: {@code ./mvnw -B -pl bench -am verify -Pbench -DskipTests -Dbench.main=io.consoul.bench.StreamBenchmark}
 * ({@code -Dbench.streams.levels=250,500,1000,2000,3000,4000}, {@code -Dbench.streams.seconds=20},
 * {@code -Dbench.streams.warmup=1000} open streams or 0 for none, {@code -Dbench.streams.client=jdk} for the JDK's
 * HTTP client as the load instead of {@link StreamLoad}, {@code -Dbench.app.jvm="-Xlog:gc:file=target/gc.log"} for
 * the service's JVM). Prints figures; asserts nothing. The load generator shares the machine with the service.
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
             ChatBenchmark.AppProcess app = ChatBenchmark.AppProcess.start(redis, "--consoul.echo-token-delay=200ms");
             StreamLoad load = new StreamLoad("127.0.0.1", URI.create(app.url).getPort(), "/chat/stream")) {
            boolean jdk = "jdk".equals(System.getProperty("bench.streams.client"));
            Clients clients = jdk ? jdkClients(app.url + "/chat/stream")
                    : (id, goOn, outcomes, finished) -> load.start(n -> body(id + "-" + n), goOn, outcomes, finished);
            System.out.printf("Streams: echo at 200 ms a token, a ten-word message, -Xmx1g, Redis stores, %d cores, %s; "
                            + "load from %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    jdk ? "the JDK's HTTP client" : "plain sockets on one selector thread (StreamLoad)");

            oneAfterAnother(clients, 3, "warm"); // JIT, connections, scripts
            double[] alone = oneAfterAnother(clients, 5, "alone");
            double unloaded = ChatBenchmark.median(alone);
            System.out.printf("unloaded stream time: median %.0f ms (%s)%n", unloaded, Arrays.toString(alone));
            Footprint idle = Footprint.of(app.pid());
            System.out.printf("idle: heap live %.1f MiB, resident %.1f MiB, %d threads%n",
                    idle.heapKib / 1024.0, idle.rssKib / 1024.0, idle.threads);

            int warmUp = Integer.getInteger("bench.streams.warmup", 1000);
            if (warmUp > 0) { // the JIT compiles the stream path under load, not during the first measured level
                Level w = closedLoop(clients, warmUp, seconds, unloaded, app.pid(), redis);
                System.out.printf("warm-up, %d open for %d s (not counted): median %.0f ms, %.1f streams/s%n", warmUp,
                        seconds, w.median, w.perSecond);
            }
            Integer knee = null;
            for (int open : levels) {
                Level level = closedLoop(clients, open, seconds, unloaded, app.pid(), redis);
                double ideal = open / (unloaded / 1000);
                System.out.printf("%5d open: median %6.0f ms (%.2f x unloaded), p99 %6.0f ms, %7.1f streams/s (%3.0f %% of ideal %.0f), "
                                + "errors %s; per open stream: heap %.1f KiB, resident %.1f KiB, threads %.2f%n",
                        open, level.median, level.median / unloaded, level.p99, level.perSecond, 100 * level.perSecond / ideal,
                        ideal, level.errors.isEmpty() ? "0" : level.errors, (level.footprint.heapKib - idle.heapKib) / (double) open,
                        (level.footprint.rssKib - idle.rssKib) / (double) open,
                        (level.footprint.threads - idle.threads) / (double) open);
                Cpu cpu = level.cpu;
                System.out.printf("      CPU per completed stream: service %.2f ms, load generator %.2f ms, Redis %.2f ms; "
                                + "service busy %.2f cores; machine steal %.0f %%%n",
                        1000 * cpu.service() / level.completed, 1000 * cpu.loadGenerator() / level.completed,
                        1000 * cpu.redis() / level.completed, cpu.service() / seconds, 100 * cpu.stealShare());
                if (knee == null && level.median > 1.5 * unloaded) knee = open;
            }
            System.out.println(knee == null ? "knee: none up to " + levels[levels.length - 1] + " open streams"
                    : "knee: the median passes 1.5 x unloaded at " + knee + " open streams");
        }
    }

    record Level(double median, double p99, double perSecond, java.util.Map<String, Integer> errors, Footprint footprint,
                 Cpu cpu, long completed) {}

    /**
     * CPU used during the measured interval, in core-seconds: the service, this load generator, Redis, and the share
     * of the machine the hypervisor took (steal). Per completed stream it is what a stream costs, a figure that
     * holds up better than latency on a shared machine.
     */
    record Cpu(double service, double loadGenerator, double redis, long stealTicks, long allTicks) {
        static Cpu sample(long servicePid, RedisServer redis) throws IOException {
            // cpu  user nice system idle iowait irq softirq steal ...
            String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i <= 8; i++) all += Long.parseLong(machine[i]);
            return new Cpu(processSeconds(servicePid), processSeconds(ProcessHandle.current().pid()), redis.cpuSeconds(),
                    Long.parseLong(machine[8]), all);
        }

        Cpu minus(Cpu start) {
            return new Cpu(service - start.service, loadGenerator - start.loadGenerator, redis - start.redis,
                    stealTicks - start.stealTicks, allTicks - start.allTicks);
        }

        double stealShare() {
            return allTicks == 0 ? 0 : stealTicks / (double) allTicks;
        }

        private static double processSeconds(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // from field 3 (state) on
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, clock ticks of 10 ms
        }
    }

    /**
     * {@code open} clients each starting a new stream as soon as theirs ends. The footprint is taken first, once
     * every stream is open: its full GC and the two {@code jcmd} JVMs would otherwise stall the streams being timed.
     * The measured interval starts one stream time after it, so no timed stream was open while it ran.
     */
    static Level closedLoop(Clients clients, int open, int seconds, double unloadedMillis, long pid, RedisServer redis)
            throws Exception {
        long streamNanos = (long) (unloadedMillis * 1e6);
        AtomicLong until = new AtomicLong(Long.MAX_VALUE); // set once the measured interval is known
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(open);
        for (int c = 0; c < open; c++) {
            clients.start("s" + open + "-" + c, () -> System.nanoTime() < until.get(),
                    (start, latency, failure) -> outcomes.add(new Outcome(start, latency, failure)), finished::countDown);
        }
        Thread.sleep(2 * streamNanos / 1_000_000); // every client has a stream open
        Footprint footprint = Footprint.of(pid);
        long measureFrom = System.nanoTime() + 3 * streamNanos / 2;
        long measureTo = measureFrom + seconds * 1_000_000_000L;
        until.set(measureTo);
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        Cpu cpuFrom = Cpu.sample(pid, redis);
        Thread.sleep(Math.max(0, (measureTo - System.nanoTime()) / 1_000_000));
        Cpu cpu = Cpu.sample(pid, redis).minus(cpuFrom);
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
                completedInWindow / (double) seconds, errors, footprint, cpu, completedInWindow);
    }

    /** Starts one benchmark client: it sends stream after stream while {@code goOn} holds, then calls {@code finished}. */
    interface Clients {
        void start(String clientId, BooleanSupplier goOn, StreamLoad.Outcomes outcomes, Runnable finished);
    }

    /** {@code count} streams by one client, one after another; their latencies in ms. */
    static double[] oneAfterAnother(Clients clients, int count, String clientId) throws InterruptedException {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(1);
        clients.start(clientId, () -> outcomes.size() < count,
                (start, latency, failure) -> outcomes.add(new Outcome(start, latency, failure)), finished::countDown);
        finished.await();
        for (Outcome o : outcomes) {
            if (!o.ok()) throw new IllegalStateException("an unloaded stream failed: " + o.failure());
        }
        return outcomes.stream().mapToDouble(o -> o.latencyNanos() / 1e6).toArray();
    }

    static String body(String session) {
        return "{\"session_id\":\"" + session + "\",\"message\":\"" + MESSAGE + "\"}";
    }

    /** The JDK's HTTP client as the load ({@code -Dbench.streams.client=jdk}), as earlier runs measured with it. */
    static Clients jdkClients(String url) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        return (id, goOn, outcomes, finished) -> jdkNext(client, url, id, new AtomicInteger(), goOn, outcomes, finished);
    }

    private static void jdkNext(HttpClient client, String url, String clientId, AtomicInteger sessions, BooleanSupplier goOn,
                                StreamLoad.Outcomes outcomes, Runnable finished) {
        if (!goOn.getAsBoolean()) {
            finished.run();
            return;
        }
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body(clientId + "-" + sessions.incrementAndGet()))).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            String problem = failure != null ? rootCause(failure).getClass().getSimpleName()
                    : response.statusCode() != 200 ? "HTTP " + response.statusCode()
                    : response.body().contains("event: error") ? "error event"
                    : !response.body().contains("event: done") ? "no done event" : null;
            outcomes.add(start, System.nanoTime() - start, problem);
            jdkNext(client, url, clientId, sessions, goOn, outcomes, finished);
        });
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
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
