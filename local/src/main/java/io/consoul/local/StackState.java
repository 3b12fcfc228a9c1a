package io.consoul.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Everything needed to find a running stack again, in {@code <workDir>/stack.properties}: ports, pids, the active
 * colour and the settings the app processes were started with (a restarted instance gets the same ones).
 */
final class StackState {
    static final String FILE = "stack.properties";

    Path appJar;
    boolean cluster;
    int[] redisPorts;
    long[] redisPids;
    int productionPort;
    int previewPort;
    long haproxyPid;
    long checkIntervalMillis;
    Color active = Color.BLUE;
    final Map<Color, String> versions = new LinkedHashMap<>();
    final Map<String, String> appEnv = new LinkedHashMap<>();
    final List<Instance> instances = new ArrayList<>();
    /** Per colour, the instance count a switch holds it at (consoul:<colour>MinReplicas on the clouds). */
    final Map<Color, Integer> held = new java.util.EnumMap<>(Color.class);
    /** The start time of every process this stack started, by pid: a pid alone may have been reused since. */
    final Map<Long, Long> started = new java.util.HashMap<>();

    /** Remembers a process this stack just started. */
    void record(long pid) {
        if (pid > 0) started.put(pid, Processes.startMillis(pid));
    }

    /**
     * Whether {@code pid} is alive and is the very process this stack started (same start time): a pid or port file
     * from an earlier run is never trusted, and never stopped, on its number alone.
     */
    boolean ours(long pid) {
        if (!Processes.alive(pid)) return false;
        Long when = started.get(pid);
        return when != null && when != 0 && when == Processes.startMillis(pid);
    }

    static boolean exists(Path workDir) {
        return Files.exists(workDir.resolve(FILE));
    }

    static StackState load(Path workDir) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(workDir.resolve(FILE))) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("no local stack in " + workDir + " (" + e.getMessage() + "): start one with ./local-deploy up", e);
        }
        StackState s = new StackState();
        s.appJar = Path.of(p.getProperty("app.jar"));
        s.cluster = Boolean.parseBoolean(p.getProperty("redis.cluster"));
        s.redisPorts = Arrays.stream(p.getProperty("redis.ports").split(",")).mapToInt(Integer::parseInt).toArray();
        s.redisPids = Arrays.stream(p.getProperty("redis.pids").split(",")).mapToLong(Long::parseLong).toArray();
        s.productionPort = Integer.parseInt(p.getProperty("haproxy.production.port"));
        s.previewPort = Integer.parseInt(p.getProperty("haproxy.preview.port"));
        s.haproxyPid = Long.parseLong(p.getProperty("haproxy.pid"));
        s.checkIntervalMillis = Long.parseLong(p.getProperty("haproxy.check.interval.ms"));
        s.active = Color.parse(p.getProperty("active"));
        for (Color c : Color.values()) s.versions.put(c, p.getProperty(c.label() + ".version"));
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("env.")) s.appEnv.put(name.substring(4), p.getProperty(name));
        }
        for (String entry : p.getProperty("started", "").split(",")) {
            if (entry.isBlank()) continue;
            String[] kv = entry.split(":");
            s.started.put(Long.parseLong(kv[0]), Long.parseLong(kv[1]));
        }
        for (Color c : Color.values()) {
            String held = p.getProperty(c.label() + ".held");
            if (held != null) s.held.put(c, Integer.parseInt(held));
        }
        for (String name : p.getProperty("instances").split(",")) {
            if (name.isBlank()) continue;
            s.instances.add(new Instance(name, Color.parse(p.getProperty("instance." + name + ".color")),
                    Integer.parseInt(p.getProperty("instance." + name + ".port")),
                    Integer.parseInt(p.getProperty("instance." + name + ".metrics.port")),
                    Long.parseLong(p.getProperty("instance." + name + ".pid"))));
        }
        return s;
    }

    /** Written to a temporary file and moved into place, so a reader in another shell never sees half of it. */
    synchronized void save(Path workDir) {
        Properties p = new Properties();
        p.setProperty("app.jar", appJar.toString());
        p.setProperty("redis.cluster", Boolean.toString(cluster));
        p.setProperty("redis.ports", Arrays.stream(redisPorts).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        p.setProperty("redis.pids", Arrays.stream(redisPids).mapToObj(Long::toString).collect(Collectors.joining(",")));
        p.setProperty("haproxy.production.port", Integer.toString(productionPort));
        p.setProperty("haproxy.preview.port", Integer.toString(previewPort));
        p.setProperty("haproxy.pid", Long.toString(haproxyPid));
        p.setProperty("haproxy.check.interval.ms", Long.toString(checkIntervalMillis));
        p.setProperty("active", active.label());
        versions.forEach((c, v) -> p.setProperty(c.label() + ".version", v));
        appEnv.forEach((k, v) -> p.setProperty("env." + k, v));
        p.setProperty("started", started.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(",")));
        held.forEach((c, n) -> p.setProperty(c.label() + ".held", Integer.toString(n)));
        p.setProperty("instances", instances.stream().map(Instance::name).collect(Collectors.joining(",")));
        for (Instance i : instances) {
            p.setProperty("instance." + i.name() + ".color", i.color().label());
            p.setProperty("instance." + i.name() + ".port", Integer.toString(i.port()));
            p.setProperty("instance." + i.name() + ".metrics.port", Integer.toString(i.metricsPort()));
            p.setProperty("instance." + i.name() + ".pid", Long.toString(i.pid()));
        }
        try {
            Path tmp = workDir.resolve(FILE + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                p.store(out, "Consoul local stack: read by ./local-deploy down|status|switch");
            }
            Files.move(tmp, workDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
