package io.consoul.local;

import io.consoul.client.ConsoulClient;
import io.consoul.client.RetryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine, on loopback and free ports: Redis (one node with AOF, or a three-master
 * cluster), the app's blue and green processes (separate JVMs) and HAProxy in front. Its {@link #outputs()} have the
 * clouds' names, and {@link #activate(Color)} is the switch. State lives in the work dir, so {@link #attach(Path)}
 * from another process can stop or switch a stack this one started.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path workDir;
    private final StackState state;

    private LocalStack(Path workDir, StackState state) {
        this.workDir = workDir;
        this.state = state;
    }

    /** Starts everything and returns once HAProxy sees every instance UP. Stops what it started if any step fails. */
    public static LocalStack up(StackOptions options) {
        Path workDir = options.workDir().toAbsolutePath();
        if (StackState.exists(workDir) && attach(workDir).anyAlive()) {
            throw new IllegalStateException("a local stack is already running from " + workDir + ": ./local-deploy down first");
        }
        if (!Files.isRegularFile(options.appJar())) {
            throw new IllegalStateException(options.appJar() + " is missing: build it with ./mvnw -B -pl app package -DskipTests");
        }
        StackState s = new StackState();
        // A copy, like an image: a rebuild of app/target while the stack runs must not break a restart.
        s.appJar = workDir.resolve("consoul-app.jar");
        s.cluster = options.cluster();
        s.checkIntervalMillis = options.checkInterval().toMillis();
        for (Color c : Color.values()) s.versions.put(c, options.version(c));
        s.appEnv.putAll(options.appEnv());
        s.redisPorts = new int[0];
        s.redisPids = new long[0];
        LocalStack stack = new LocalStack(workDir, s);
        try {
            Files.createDirectories(workDir.resolve("logs"));
            Files.copy(options.appJar(), s.appJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Redis redis = Redis.start(workDir, options.cluster());
            s.redisPorts = redis.ports();
            s.redisPids = redis.pids();
            s.save(workDir);
            for (Color color : Color.values()) {
                int count = color == Color.BLUE ? options.blue() : options.green();
                for (int n = 1; n <= count; n++) {
                    s.instances.add(new Instance(color.label() + "-" + n, color, Processes.freePort(), Processes.freePort(), 0));
                }
            }
            for (Instance i : List.copyOf(s.instances)) stack.launch(i);
            for (Instance i : s.instances) stack.waitReady(i);
            s.productionPort = Processes.freePort();
            s.previewPort = Processes.freePort();
            s.haproxyPid = stack.haproxy().start(s.productionPort, s.previewPort, s.instances, s.active, options.checkInterval());
            s.save(workDir);
            for (Instance i : s.instances) stack.waitServing(i, START_TIMEOUT);
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.down();
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e);
        }
    }

    /** A stack started earlier, possibly by another process, from its work dir. */
    public static LocalStack attach(Path workDir) {
        Path dir = workDir.toAbsolutePath();
        return new LocalStack(dir, StackState.load(dir));
    }

    /** {@code $CONSOUL_LOCAL_DIR}, default {@code /tmp/consoul-local}: where {@code ./local-deploy} keeps its stack. */
    public static Path defaultWorkDir() {
        return Path.of(System.getenv().getOrDefault("CONSOUL_LOCAL_DIR", "/tmp/consoul-local"));
    }

    public static boolean exists(Path workDir) {
        return StackState.exists(workDir.toAbsolutePath());
    }

    /** Stops HAProxy, the app processes (SIGTERM, drained) and Redis, and forgets the state. Safe to call twice. */
    public void down() {
        if (state.haproxyPid > 0) Processes.terminate(state.haproxyPid, Duration.ofSeconds(5));
        List<Thread> stopping = new ArrayList<>();
        for (Instance i : state.instances) {
            if (!Processes.alive(i.pid())) continue;
            Thread t = new Thread(() -> Processes.terminate(i.pid(), Duration.ofSeconds(30)), "stop-" + i.name());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) join(t);
        redis().stop();
        try {
            Files.deleteIfExists(workDir.resolve(StackState.FILE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        down();
    }

    /** The clouds' output names: url, previewUrl, activeColor, idleColor, blueImage, greenImage, redisEndpoint. */
    public Map<String, String> outputs() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("url", url());
        out.put("previewUrl", previewUrl());
        out.put("activeColor", state.active.label());
        out.put("idleColor", state.active.other().label());
        out.put("blueImage", image(Color.BLUE));
        out.put("greenImage", image(Color.GREEN));
        out.put("redisEndpoint", redis().endpoint());
        return out;
    }

    /** {@code local/consoul:<version>}: the jar, named like an image whose tag is the version /health reports. */
    public String image(Color color) {
        return "local/consoul:" + state.versions.get(color);
    }

    public String version(Color color) {
        return state.versions.get(color);
    }

    public String url() {
        return "http://127.0.0.1:" + state.productionPort;
    }

    public String previewUrl() {
        return "http://127.0.0.1:" + state.previewPort;
    }

    public Color activeColor() {
        return state.active;
    }

    /** The switch: production traffic to {@code color}, preview to the other, through HAProxy's runtime API. */
    public void activate(Color color) {
        haproxy().activate(color);
        state.active = color;
        state.save(workDir);
    }

    public List<Instance> instances() {
        return List.copyOf(state.instances);
    }

    public Instance instance(String name) {
        return state.instances.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance " + name));
    }

    /** A readable status: outputs, then each instance with HAProxy's view of it and its process. */
    public String status() {
        StringBuilder text = new StringBuilder();
        outputs().forEach((k, v) -> text.append(String.format("%-14s %s%n", k, v)));
        Map<String, String> states;
        try {
            states = haproxy().serverStates();
        } catch (RuntimeException e) {
            states = Map.of();
            text.append("haproxy        not answering (").append(e.getMessage()).append(")\n");
        }
        for (Instance i : state.instances) {
            text.append(String.format("%-14s %-6s %-5s %s pid %d%s, metrics %s%n", i.name(), i.color().label(),
                    states.getOrDefault(i.color().label() + "/" + i.name(), "?"), i.url(), i.pid(),
                    Processes.alive(i.pid()) ? "" : " (not running)", i.metricsUrl()));
        }
        text.append(String.format("%-14s %s%n", "redis", redis().up() ? "up" : "DOWN"));
        text.append(String.format("%-14s %s%n", "logs", workDir.resolve("logs")));
        return text.toString();
    }

    /** HAProxy's state of each server, {@code blue/blue-1 → UP}. */
    public Map<String, String> serverStates() {
        return haproxy().serverStates();
    }

    // ---- what the fault suite does to a running stack ----

    /** SIGKILL: the process dies at once, in-flight requests with it. */
    public void kill(Instance instance) {
        Processes.kill(current(instance).pid());
        replace(current(instance).withPid(0));
    }

    /** SIGTERM and wait for the drain to finish (the app's graceful shutdown). */
    public void stop(Instance instance) {
        Processes.terminate(current(instance).pid(), Duration.ofSeconds(90));
        replace(current(instance).withPid(0));
    }

    /** Starts a stopped instance again on its ports and waits until HAProxy routes to it. */
    public void start(Instance instance) {
        launch(current(instance));
        waitReady(current(instance));
        waitServing(current(instance), START_TIMEOUT);
    }

    /** Stops every Redis node (SIGTERM, AOF flushed), leaves them down for {@code downFor}, starts them on the same data. */
    public void restartRedis(Duration downFor) {
        Redis redis = redis();
        redis.restart(downFor);
        state.redisPids = redis.pids();
        state.save(workDir);
    }

    public boolean redisUp() {
        return redis().up();
    }

    /** Waits until HAProxy marks the instance UP (after rise 2 checks). */
    public void waitServing(Instance instance, Duration timeout) {
        String key = instance.color().label() + "/" + instance.name();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"UP".equals(haproxy().serverStates().get(key))) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("haproxy never marked " + key + " UP");
            Processes.sleep(100);
        }
    }

    public Path workDir() {
        return workDir;
    }

    boolean anyAlive() {
        if (Processes.alive(state.haproxyPid)) return true;
        for (long pid : state.redisPids) if (Processes.alive(pid)) return true;
        return state.instances.stream().anyMatch(i -> Processes.alive(i.pid()));
    }

    private void launch(Instance i) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONSOUL_PORT", Integer.toString(i.port()));
        env.put("CONSOUL_METRICS_PORT", Integer.toString(i.metricsPort()));
        env.put("CONSOUL_VERSION", state.versions.get(i.color()));
        env.put("CONSOUL_SESSION_REDIS_URL", redis().url(1));
        env.put("CONSOUL_RATE_LIMIT_REDIS_URL", redis().url(0));
        env.put("CONSOUL_REDIS_CLUSTER", Boolean.toString(state.cluster));
        // Notice Redis coming back within a second or two (default 60 s), as the local checks run every second.
        env.put("CONSOUL_REDIS_RECONNECT_INTERVAL", "1s");
        env.put("CONSOUL_TRUSTED_PROXIES", "127.0.0.1");
        env.putAll(state.appEnv);
        // Small heaps and the C1 compiler only: three JVMs start fast on a two-core laptop.
        List<String> command = List.of(Processes.javaBinary(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", state.appJar.toString());
        long pid = Processes.start(command, env, workDir.resolve("logs").resolve(i.name() + ".log"), workDir);
        replace(i.withPid(pid));
    }

    private void waitReady(Instance instance) {
        ConsoulClient client = ConsoulClient.builder(instance.url()).retry(RetryPolicy.NONE)
                .connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Instance now = current(instance);
            if (!Processes.alive(now.pid())) {
                throw new IllegalStateException(now.name() + " exited: see " + workDir.resolve("logs").resolve(now.name() + ".log"));
            }
            try {
                if ("ready".equals(client.ready().status())) return;
            } catch (RuntimeException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException(now.name() + " not ready after " + START_TIMEOUT);
            Processes.sleep(200);
        }
    }

    private Instance current(Instance instance) {
        return instance(instance.name());
    }

    private synchronized void replace(Instance updated) {
        state.instances.replaceAll(i -> i.name().equals(updated.name()) ? updated : i);
        state.save(workDir);
    }

    private Redis redis() {
        return new Redis(workDir.resolve("redis"), state.cluster, state.redisPorts, state.redisPids);
    }

    private Haproxy haproxy() {
        return new Haproxy(workDir);
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
