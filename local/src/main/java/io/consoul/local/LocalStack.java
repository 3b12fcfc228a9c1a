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
    private StackState state;

    private LocalStack(Path workDir, StackState state) {
        this.workDir = workDir;
        this.state = state;
    }

    /** Starts everything and returns once HAProxy sees every instance UP. Stops what it started if any step fails. */
    public static LocalStack up(StackOptions options) {
        Path workDir = options.workDir().toAbsolutePath();
        if (StackState.exists(workDir)) {
            LocalStack earlier = attach(workDir);
            if (earlier.anyAlive()) {
                throw new IllegalStateException("a local stack is already running from " + workDir + ": ./local-deploy down first");
            }
            // Left by a run whose processes are gone (killed, or the machine restarted): nothing in it is trusted.
            earlier.forget();
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
            for (long pid : s.redisPids) s.record(pid);
            s.save(workDir);
            for (Color color : Color.values()) {
                int count = color == Color.BLUE ? options.blue() : options.green();
                for (int n = 1; n <= count; n++) {
                    s.instances.add(new Instance(Instance.name(color, n), color, Processes.freePort(), Processes.freePort(), 0));
                }
            }
            for (Instance i : List.copyOf(s.instances)) stack.launch(i);
            for (Instance i : List.copyOf(s.instances)) stack.awaitReady(i);
            s.productionPort = Processes.freePort();
            s.previewPort = Processes.freePort();
            s.haproxyPid = stack.haproxy().start(s.productionPort, s.previewPort, s.instances, s.active, options.checkInterval());
            s.record(s.haproxyPid);
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

    /** Reads the state again, after another process (the consoul command) changed the stack. */
    public synchronized LocalStack reload() {
        state = StackState.load(workDir);
        return this;
    }

    /** The colour HAProxy routes production to now (its runtime map, whoever changed it). */
    public Color routedColor() {
        return haproxy().production();
    }

    /** {@code $CONSOUL_LOCAL_DIR}, default {@code /tmp/consoul-local}: where {@code ./local-deploy} keeps its stack. */
    public static Path defaultWorkDir() {
        return Path.of(System.getenv().getOrDefault("CONSOUL_LOCAL_DIR", "/tmp/consoul-local"));
    }

    public static boolean exists(Path workDir) {
        return StackState.exists(workDir.toAbsolutePath());
    }

    /**
     * Stops HAProxy, the app processes (SIGTERM, drained) and Redis — only processes this stack started, checked by
     * pid and start time — and forgets the state (and HAProxy's socket), so {@code up} finds a clean directory.
     * Safe to call twice.
     */
    public void down() {
        if (state.ours(state.haproxyPid)) Processes.terminate(state.haproxyPid, Duration.ofSeconds(5));
        List<Thread> stopping = new ArrayList<>();
        for (Instance i : state.instances) {
            if (!state.ours(i.pid())) continue;
            Thread t = new Thread(() -> Processes.terminate(i.pid(), Duration.ofSeconds(30)), "stop-" + i.name());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) join(t);
        for (long pid : state.redisPids) if (state.ours(pid)) Processes.terminate(pid, Duration.ofSeconds(10));
        forget();
    }

    /** Deletes what a run leaves in the work dir that a later one must not take for its own. */
    private void forget() {
        haproxy().forget();
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

    /** The local stack's minimum per colour, the warm idle colour's one instance (minReplicas on the clouds). */
    public static final int MIN_INSTANCES = 1;

    /** How many instances the colour runs (processes this stack started for it). */
    public int instances(Color color) {
        return (int) state.instances.stream().filter(i -> i.color() == color).count();
    }

    /** How many of them HAProxy routes to now: UP after its {@code /ready} checks (rise 2). */
    public int ready(Color color) {
        String prefix = color.label() + "/";
        return (int) haproxy().serverStates().entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getValue().equals("UP")).count();
    }

    /** The count a switch holds the colour at (its scale-down delay), if any. */
    public java.util.OptionalInt held(Color color) {
        Integer n = state.held.get(color);
        return n == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(n);
    }

    /**
     * Sets the colour's instance count. Up: starts the new instances, each in a free HAProxy server slot, and returns
     * once HAProxy routes to every one (UP). Down: the highest slots leave HAProxy (maintenance: no new requests),
     * then get SIGTERM and drain. Never below a switch's hold, nor below one.
     */
    public synchronized void scale(Color color, int count) {
        if (count < MIN_INSTANCES || count > Haproxy.MAX_PER_COLOR) {
            throw new IllegalArgumentException("instances of a colour: " + MIN_INSTANCES + " to " + Haproxy.MAX_PER_COLOR + ", got " + count);
        }
        java.util.OptionalInt hold = held(color);
        if (hold.isPresent() && count < hold.getAsInt()) {
            throw new IllegalStateException(color.label() + " is held at " + hold.getAsInt()
                    + " instances by a switch's scale-down delay: end it first with ./consoul scale-down local");
        }
        List<Instance> current = state.instances.stream().filter(i -> i.color() == color)
                .sorted(java.util.Comparator.comparingInt(Instance::slot)).toList();
        if (count > current.size()) {
            List<Instance> added = new ArrayList<>();
            for (int slot = 1; added.size() < count - current.size(); slot++) {
                String name = Instance.name(color, slot);
                if (current.stream().noneMatch(i -> i.name().equals(name))) {
                    Instance fresh = new Instance(name, color, Processes.freePort(), Processes.freePort(), 0);
                    state.instances.add(fresh);
                    added.add(fresh);
                }
            }
            state.save(workDir);
            for (Instance i : added) launch(i);
            for (Instance i : added) awaitReady(i);
            for (Instance i : added) haproxy().addServer(current(i));
            for (Instance i : added) waitServing(i, START_TIMEOUT);
        } else {
            List<Instance> removed = current.subList(count, current.size());
            for (Instance i : removed) haproxy().removeServer(i);
            List<Thread> stopping = new ArrayList<>();
            for (Instance i : removed) {
                Thread t = new Thread(() -> Processes.terminate(i.pid(), Duration.ofSeconds(30)), "stop-" + i.name());
                t.start();
                stopping.add(t);
            }
            stopping.forEach(LocalStack::join);
            state.instances.removeIf(removed::contains);
            state.save(workDir);
        }
    }

    /** A switch's hold: the colour runs at least {@code count} and stays there until {@link #release}. */
    public synchronized void hold(Color color, int count) {
        state.held.put(color, count);
        state.save(workDir);
        if (instances(color) < count) scale(color, count);
    }

    /**
     * The end of a hold. The idle colour returns to its minimum; the live one keeps what it runs (nothing autoscales
     * here: only {@code ./local-deploy scale} changes it).
     */
    public synchronized void release(Color color) {
        state.held.remove(color);
        state.save(workDir);
        if (color != state.active && instances(color) > MIN_INSTANCES) scale(color, MIN_INSTANCES);
    }

    /** {@code ./local-deploy status --format json}: outputs, and per colour its instances, ready ones, version and hold. */
    public String statusJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("activeColor", state.active.label());
        json.put("idleColor", state.active.other().label());
        json.put("url", url());
        json.put("previewUrl", previewUrl());
        Map<String, String> states;
        try {
            states = haproxy().serverStates();
        } catch (RuntimeException e) {
            states = Map.of();
        }
        Map<String, Object> colors = new LinkedHashMap<>();
        for (Color c : Color.values()) {
            Map<String, Object> colour = new LinkedHashMap<>();
            colour.put("instances", instances(c));
            String prefix = c.label() + "/";
            colour.put("ready", states.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getValue().equals("UP")).count());
            colour.put("minimum", MIN_INSTANCES);
            colour.put("held", held(c).isPresent() ? held(c).getAsInt() : null);
            colour.put("version", version(c));
            colour.put("image", image(c));
            List<Map<String, Object>> list = new ArrayList<>();
            for (Instance i : state.instances) {
                if (i.color() != c) continue;
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("name", i.name());
                one.put("url", i.url());
                one.put("pid", i.pid());
                one.put("haproxy", states.getOrDefault(c.label() + "/" + i.name(), "?"));
                list.add(one);
            }
            colour.put("list", list);
            colors.put(c.label(), colour);
        }
        json.put("colors", colors);
        json.put("redisEndpoint", redis().endpoint());
        json.put("redis", redis().up() ? "up" : "down");
        return new tools.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
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
        awaitReady(current(instance));
        waitServing(current(instance), START_TIMEOUT);
    }

    /** Stops every Redis node (SIGTERM, AOF flushed), leaves them down for {@code downFor}, starts them on the same data. */
    public void restartRedis(Duration downFor) {
        Redis redis = redis();
        redis.restart(downFor);
        state.redisPids = redis.pids();
        for (long pid : state.redisPids) state.record(pid);
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
        if (state.ours(state.haproxyPid)) return true;
        for (long pid : state.redisPids) if (state.ours(pid)) return true;
        return state.instances.stream().anyMatch(i -> state.ours(i.pid()));
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
        state.record(pid);
        replace(i.withPid(pid));
    }

    /**
     * Waits until the instance is ready; if it died because another process took one of its ports between our pick
     * and its bind (a free port is only free when asked), starts it again on fresh ports, up to three times.
     */
    private void awaitReady(Instance instance) {
        for (int attempt = 1; ; attempt++) {
            try {
                waitReady(current(instance));
                return;
            } catch (IllegalStateException e) {
                Instance now = current(instance);
                if (attempt == 3 || Processes.alive(now.pid()) || !logMentions(now, "already in use")) throw e;
                replace(new Instance(now.name(), now.color(), Processes.freePort(), Processes.freePort(), 0));
                launch(current(instance));
            }
        }
    }

    private boolean logMentions(Instance instance, String text) {
        try {
            return Files.readString(workDir.resolve("logs").resolve(instance.name() + ".log")).contains(text);
        } catch (IOException e) {
            return false;
        }
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
