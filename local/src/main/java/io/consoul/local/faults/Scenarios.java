package io.consoul.local.faults;

import io.consoul.client.ConsoulApiException;
import io.consoul.client.ConsoulClient;
import io.consoul.client.RetryPolicy;
import io.consoul.local.Color;
import io.consoul.local.Instance;
import io.consoul.local.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault scenarios, each against a running {@link LocalStack} configured by {@link FaultStack}, each leaving the
 * stack as it found it (all instances up, blue live). Load: 48 sessions over 8 workers through the production URL.
 */
public final class Scenarios {
    private static final int SESSIONS = 48;
    private static final int THREADS = 8;
    private static final Duration PAUSE = Duration.ofMillis(20);
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    private final LocalStack stack;
    private final boolean failOpen;
    private final String stackName;

    public Scenarios(LocalStack stack, boolean cluster) {
        this.stack = stack;
        this.failOpen = cluster;
        this.stackName = FaultStack.describe(cluster);
    }

    public LocalStack stack() {
        return stack;
    }

    private LoadDriver load(String prefix) {
        return new LoadDriver(stack.url(), FaultStack.LOAD_KEY, prefix, SESSIONS, THREADS, PAUSE).start();
    }

    /** One blue instance killed with SIGKILL mid-load: requests it held fail, nothing acknowledged is lost. */
    public ScenarioResult sigkill() {
        long t0 = System.nanoTime();
        LoadDriver load = load("kill");
        sleep(WARM_UP);
        Instance victim = stack.instance("blue-1");
        long killedAt = System.nanoTime();
        stack.kill(victim);
        long down = waitForState(victim, "DOWN", Duration.ofSeconds(30));
        sleep(Duration.ofSeconds(2));
        LoadReport report = load.stopAndVerify();
        stack.start(victim);
        List<String> violations = new ArrayList<>();
        if (report.sessionsLost() > 0) violations.add(report.sessionsLost() + " session(s) lost an acknowledged message");
        if (report.ok() == 0) violations.add("nothing was served");
        return ScenarioResult.of("SIGKILL one instance", stackName, report,
                "no acknowledged message lost; failures allowed (requests in flight on the killed JVM)",
                String.format("haproxy marked it DOWN %.1f s after the kill", (down - killedAt) / 1e9),
                violations, seconds(t0));
    }

    /** Every instance, one by one: SIGTERM, drain, start again, wait until HAProxy routes to it. */
    public ScenarioResult rollingRestart() {
        long t0 = System.nanoTime();
        LoadDriver load = load("rolling");
        sleep(WARM_UP);
        for (Instance instance : stack.instances()) {
            stack.stop(instance);
            stack.start(instance);
        }
        sleep(Duration.ofSeconds(2));
        LoadReport report = load.stopAndVerify();
        List<String> violations = new ArrayList<>();
        if (report.failed() > 0) violations.add(report.failed() + " failed request(s): " + report.failures());
        if (report.sessionsLost() > 0) violations.add(report.sessionsLost() + " session(s) lost an acknowledged message");
        return ScenarioResult.of("rolling restart (SIGTERM)", stackName, report, "zero failed; no message lost",
                stack.instances().size() + " instances restarted one by one", violations, seconds(t0));
    }

    /** Blue to green mid-load through HAProxy's runtime API, after the preview smoke check; then back to blue. */
    public ScenarioResult blueGreenSwitch() {
        long t0 = System.nanoTime();
        Color from = stack.activeColor();
        Color to = from.other();
        List<String> violations = new ArrayList<>();
        String previewVersion = healthVersion(stack.previewUrl());
        if (!stack.version(to).equals(previewVersion)) violations.add("preview serves " + previewVersion + ", not " + stack.version(to));
        LoadDriver load = load("switch");
        sleep(WARM_UP);
        long switchedAt = System.nanoTime();
        stack.activate(to);
        sleep(Duration.ofSeconds(4));
        String served = healthVersion(stack.url());
        LoadReport report = load.stopAndVerify();
        int spanning = load.sessionsSpanning(switchedAt);
        stack.activate(from);
        if (!stack.version(to).equals(served)) violations.add("production serves " + served + " after the switch");
        if (report.failed() > 0) violations.add(report.failed() + " failed request(s): " + report.failures());
        if (report.sessionsLost() > 0) violations.add(report.sessionsLost() + " session(s) lost an acknowledged message");
        if (spanning < report.sessions()) violations.add("only " + spanning + " of " + report.sessions() + " sessions continued on " + to.label());
        return ScenarioResult.of("blue-green switch", stackName, report,
                "zero failed; no message lost; every session continues on the new colour",
                String.format("%s → %s; production then served %s; %d/%d sessions continued across the colours",
                        from.label(), to.label(), served, spanning, report.sessions()), violations, seconds(t0));
    }

    /**
     * Issue 11's switch under load: the live colour at 3 instances, the idle one at 1, then {@code switcher} (the
     * consoul command's pre-scaled switch, with a short scale-down delay) mid-load. Watches HAProxy every 20 ms: how
     * many idle-colour servers were UP when production was last routed to the live colour, just before the first
     * request could reach the new one. Rules: nothing failed or lost over the whole run, 3 ready before the move, p99
     * of the 10 s from the move within 1.5 × p99 of the 10 s before the command (the switcher's delay must outlast it).
     */
    public ScenarioResult preScaledSwitch(Runnable switcher) {
        long t0 = System.nanoTime();
        stack.reload();
        Color from = stack.activeColor();
        Color to = from.other();
        int live = 3;
        stack.scale(from, live);
        stack.scale(to, 1);
        LoadDriver load = load("prescale");
        // 5 s to warm the instances, then the baseline: the 10 s before the command.
        sleep(Duration.ofSeconds(15));
        int[] readyBeforeMove = {-1};
        long[] movedAt = {0};
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get() && movedAt[0] == 0) {
                int up = (int) stack.serverStates().entrySet().stream()
                        .filter(e -> e.getKey().startsWith(to.label() + "/") && e.getValue().equals("UP")).count();
                if (stack.routedColor() == to) movedAt[0] = System.nanoTime();
                else readyBeforeMove[0] = up;
                sleep(Duration.ofMillis(20));
            }
        }, "route-watch");
        watcher.start();
        long switchStart = System.nanoTime();
        String switchError = null;
        try {
            switcher.run();
        } catch (RuntimeException e) {
            switchError = e.getMessage();
        }
        watching.set(false);
        join(watcher);
        sleep(Duration.ofSeconds(2));
        String served = healthVersion(stack.url());
        long loadEnd = System.nanoTime();
        LoadReport report = load.stopAndVerify();
        // Equal windows: the 10 s before the command, and the 10 s from the moment production moved (verification
        // and the hold; the switcher's delay outlasts it). Reported apart, not ruled: the scale-up and the switch's
        // warm-up — locally the new JVMs start and warm on the very cores that serve the load, which no cloud does —
        // and the rest (the scale-down).
        long window = Duration.ofSeconds(10).toNanos();
        long moved = movedAt[0] == 0 ? switchStart : movedAt[0];
        double[] before = load.p99Millis(switchStart - window, switchStart);
        double[] during = load.p99Millis(moved, moved + window);
        double[] scaleUp = load.p99Millis(switchStart, moved);
        double[] later = load.p99Millis(moved + window, loadEnd);
        stack.reload();
        int toAfter = stack.instances(to);
        int fromAfter = stack.instances(from);
        restore(from, to);

        List<String> violations = new ArrayList<>();
        if (switchError != null) violations.add("the switch failed: " + switchError);
        if (report.failed() > 0) violations.add(report.failed() + " failed request(s): " + report.failures());
        if (report.sessionsLost() > 0) violations.add(report.sessionsLost() + " session(s) lost an acknowledged message");
        if (movedAt[0] == 0) violations.add("production never moved to " + to.label());
        if (readyBeforeMove[0] < live) violations.add(to.label() + " had " + readyBeforeMove[0] + " ready instance(s) when production moved, not " + live);
        if (during[0] > 1.5 * before[0]) violations.add(String.format("p99 in the 10 s from the move %.0f ms > 1.5 × %.0f ms in the 10 s before", during[0], before[0]));
        if (!stack.version(to).equals(served)) violations.add("production serves " + served + " after the switch");
        return new ScenarioResult("pre-scaled switch (live 3, idle 1)", stackName, report.sent(), report.failed(), report.rateLimited(),
                during[0], report.sessions(), report.sessionsLost(),
                "zero failed; no message lost; idle colour at the live count and ready before traffic moves; p99 in the 10 s from the move ≤ 1.5 × the 10 s before",
                String.format("%s 3 / %s 1 → %s; %s had %d UP in HAProxy when production moved (%.1f s into the switch); "
                                + "p99 in the 10 s before %.0f ms (%d requests), in the 10 s from the move %.0f ms (%d requests); "
                                + "not ruled: during the scale-up and the warm-up %.0f ms (%d requests, 2 JVMs starting and warming on the same cores), "
                                + "afterwards incl. the scale-down %.0f ms (%d requests); after: %s %d, %s %d%s",
                        from.label(), to.label(), to.label(), to.label(), readyBeforeMove[0],
                        (moved - switchStart) / 1e9, before[0], (long) before[1], during[0], (long) during[1],
                        scaleUp[0], (long) scaleUp[1], later[0], (long) later[1], to.label(), toAfter, from.label(), fromAfter,
                        report.failures().isEmpty() ? "" : "; failures: " + report.failures()),
                violations, seconds(t0));
    }

    /** Back to how the other scenarios expect the stack: {@code from} live with 2 instances, {@code to} with 1. */
    private void restore(Color from, Color to) {
        for (Color c : Color.values()) if (stack.held(c).isPresent()) stack.release(c);
        stack.scale(from, 2);
        stack.activate(from);
        stack.scale(to, 1);
    }

    /**
     * Redis stopped (SIGTERM, AOF flushed) for 4 s mid-load, then started on the same data. {@code /ready} must drop
     * and recover, the limiter must answer as configured while Redis is down, and nothing acknowledged is lost.
     */
    public ScenarioResult redisRestart() {
        long t0 = System.nanoTime();
        Instance probe = stack.instance("blue-1");
        ReadyWatch watch = new ReadyWatch(probe.url()).start();
        LoadDriver load = load("redis");
        sleep(WARM_UP);
        String[] limiterAnswer = {"not probed"};
        Thread prober = new Thread(() -> {
            // While Redis is down, ask an instance directly (HAProxy has stopped routing to them by then).
            sleep(Duration.ofMillis(1500));
            limiterAnswer[0] = directChatAnswer(probe.url());
        });
        prober.start();
        stack.restartRedis(Duration.ofSeconds(4));
        join(prober);
        for (Instance i : stack.instances()) stack.waitServing(i, Duration.ofSeconds(60));
        sleep(Duration.ofSeconds(2));
        LoadReport report = load.stopAndVerify();
        watch.stop();
        List<String> violations = new ArrayList<>();
        if (report.sessionsLost() > 0) violations.add(report.sessionsLost() + " session(s) lost a message written before or after the restart");
        if (!watch.dropped()) violations.add("/ready never answered 503 while Redis was down");
        if (!watch.recovered()) violations.add("/ready did not answer 200 again after Redis came back");
        String expected = failOpen ? "503 E110" : "503 E111";
        if (!limiterAnswer[0].equals(expected)) {
            violations.add("limiter answered " + limiterAnswer[0] + " while Redis was down, expected " + expected
                    + (failOpen ? " (fail-open: let through, then the session store fails)" : " (fail-closed)"));
        }
        return ScenarioResult.of("Redis restart", stackName, report,
                "/ready drops and recovers; limiter " + (failOpen ? "fail-open" : "fail-closed") + "; no message lost",
                String.format("/ready 503 for %.1f s; a chat during the outage got %s", watch.notReadySeconds(), limiterAnswer[0]),
                violations, seconds(t0));
    }

    /**
     * The tight key's limit through HAProxy, its requests spread over production (blue) and preview (green) so that
     * all instances serve them: exactly the limit in each of two windows, never the limit × instances.
     */
    public ScenarioResult rateLimit() {
        long t0 = System.nanoTime();
        Map<String, Double> before = chatCounts();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong failed = new AtomicLong();
        int perWindow = FaultStack.TIGHT_LIMIT * 3;
        long[] allowed = new long[2];
        for (int window = 0; window < 2; window++) {
            if (window == 1) sleep(Duration.ofSeconds(FaultStack.TIGHT_WINDOW_SECONDS + 1));
            allowed[window] = burst(perWindow, latencies, failed);
        }
        Map<String, Double> after = chatCounts();
        List<String> served = new ArrayList<>();
        after.forEach((name, n) -> {
            if (n - before.getOrDefault(name, 0.0) > 0) served.add(name);
        });
        List<String> violations = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            if (allowed[w] != FaultStack.TIGHT_LIMIT) violations.add("window " + (w + 1) + " allowed " + allowed[w] + ", limit " + FaultStack.TIGHT_LIMIT);
        }
        if (failed.get() > 0) violations.add(failed.get() + " request(s) failed with something other than 429");
        if (served.size() < stack.instances().size()) violations.add("only " + served + " served requests: not spread over every instance");
        long sent = 2L * perWindow;
        return new ScenarioResult("rate limit " + FaultStack.TIGHT_LIMIT + "/" + FaultStack.TIGHT_WINDOW_SECONDS + " s", stackName,
                sent, failed.get(), sent - allowed[0] - allowed[1] - failed.get(), p99(latencies), 0, 0,
                "exactly " + FaultStack.TIGHT_LIMIT + " allowed per window, never the limit × instances",
                String.format("allowed %d then %d of %d per window; served by %s", allowed[0], allowed[1], perWindow, served),
                violations, seconds(t0));
    }

    /** {@code n} chat calls with the tight key from 6 threads, alternating the production and preview URLs; returns the 200s. */
    private long burst(int n, List<Long> latencies, AtomicLong failed) {
        ConsoulClient production = tightClient(stack.url());
        ConsoulClient preview = tightClient(stack.previewUrl());
        AtomicLong allowed = new AtomicLong();
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Thread thread = new Thread(() -> {
                for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    try {
                        (i % 2 == 0 ? production : preview).chat("limited-" + i, "count me " + i);
                        allowed.incrementAndGet();
                    } catch (ConsoulApiException e) {
                        if (e.status() != 429) failed.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - start);
                }
            });
            threads.add(thread);
            thread.start();
        }
        threads.forEach(Scenarios::join);
        return allowed.get();
    }

    private static ConsoulClient tightClient(String url) {
        return ConsoulClient.builder(url).apiKey(FaultStack.TIGHT_KEY).retry(RetryPolicy.NONE).build();
    }

    /** Each instance's count of /chat requests so far, from its /metrics. */
    private Map<String, Double> chatCounts() {
        Map<String, Double> counts = new LinkedHashMap<>();
        for (Instance i : stack.instances()) {
            double total = 0;
            for (String line : httpGet(i.metricsUrl()).split("\n")) {
                if (line.startsWith("consoul_request_total{") && line.contains("endpoint=\"/chat\"")) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            counts.put(i.name(), total);
        }
        return counts;
    }

    /** The answer to one chat sent straight to an instance: {@code 200} or {@code <status> <code>}. */
    private static String directChatAnswer(String url) {
        ConsoulClient direct = ConsoulClient.builder(url).apiKey(FaultStack.LOAD_KEY).retry(RetryPolicy.NONE).build();
        try {
            direct.chat("probe-during-outage", "are you there?");
            return "200";
        } catch (ConsoulApiException e) {
            return e.status() + " " + e.code();
        } catch (RuntimeException e) {
            return "no answer";
        }
    }

    private long waitForState(Instance instance, String wanted, Duration timeout) {
        String key = instance.color().label() + "/" + instance.name();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stack.serverStates().getOrDefault(key, "").startsWith(wanted)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(key + " never became " + wanted);
            sleep(Duration.ofMillis(100));
        }
        return System.nanoTime();
    }

    static String healthVersion(String url) {
        return ConsoulClient.builder(url).retry(RetryPolicy.NONE).build().health().version();
    }

    static String httpGet(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double p99(List<Long> nanos) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) return 0;
        java.util.Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
