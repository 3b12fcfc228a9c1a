package io.consoul.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The stack's Redis: one node with append-only persistence, or three masters in a Redis Cluster. Each node keeps
 * its data in its own folder of the work dir, so a restart (the fault suite's) finds every session written before it.
 */
final class Redis {
    static final String INSTALL = "Install it with: sudo apt-get install -y redis-server (Debian/Ubuntu) or brew install redis (macOS)";

    private final Path dir;
    private final boolean cluster;
    private final int[] ports;
    private final long[] pids;

    Redis(Path dir, boolean cluster, int[] ports, long[] pids) {
        this.dir = dir;
        this.cluster = cluster;
        this.ports = ports;
        this.pids = pids;
    }

    static Redis start(Path workDir, boolean cluster) {
        int n = cluster ? 3 : 1;
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) ports[i] = Processes.freePort();
        Redis redis = new Redis(workDir.resolve("redis"), cluster, ports, new long[n]);
        for (int i = 0; i < n; i++) redis.startNode(i);
        if (cluster) redis.createCluster();
        return redis;
    }

    private void startNode(int i) {
        Path nodeDir = dir.resolve(Integer.toString(ports[i]));
        try {
            Files.createDirectories(nodeDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // appendfsync everysec is the production default; a SIGTERM'd Redis fsyncs the AOF before it exits.
        List<String> command = new ArrayList<>(List.of(Processes.binary(INSTALL, "redis-server"),
                "--port", Integer.toString(ports[i]), "--bind", "127.0.0.1", "--protected-mode", "no",
                "--dir", nodeDir.toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", ""));
        if (cluster) {
            command.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "3000"));
        }
        pids[i] = Processes.start(command, java.util.Map.of(), nodeDir.resolve("redis.log"), nodeDir);
        waitFor(i, "PONG", "PING", Duration.ofSeconds(15));
    }

    private void createCluster() {
        List<String> command = new ArrayList<>(List.of(Processes.binary(INSTALL, "redis-cli"), "--cluster", "create"));
        for (int port : ports) command.add("127.0.0.1:" + port);
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("cluster-create.log").toFile()).start();
            if (p.waitFor() != 0) throw new IllegalStateException("redis-cli --cluster create failed: see " + dir.resolve("cluster-create.log"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < ports.length; i++) waitFor(i, "cluster_state:ok", "CLUSTER INFO", Duration.ofSeconds(20));
    }

    /** Stops every node (SIGTERM: the AOF is flushed), leaves it down for {@code downFor}, starts it again on the same port and data. */
    void restart(Duration downFor) {
        stop();
        Processes.sleep(downFor.toMillis());
        for (int i = 0; i < ports.length; i++) startNode(i);
        if (cluster) for (int i = 0; i < ports.length; i++) waitFor(i, "cluster_state:ok", "CLUSTER INFO", Duration.ofSeconds(20));
    }

    void stop() {
        for (long pid : pids) if (pid > 0) Processes.terminate(pid, Duration.ofSeconds(10));
    }

    boolean up() {
        for (int i = 0; i < ports.length; i++) {
            try {
                if (!command(ports[i], "PING").contains("PONG")) return false;
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** The app's URL for one logical database; a cluster has only db 0 and takes a comma list of seed nodes. */
    String url(int db) {
        if (!cluster) return "redis://127.0.0.1:" + ports[0] + "/" + db;
        return java.util.Arrays.stream(ports).mapToObj(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** {@code 127.0.0.1:port} of every node, the {@code redisEndpoint} output. */
    String endpoint() {
        return java.util.Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    boolean cluster() {
        return cluster;
    }

    int[] ports() {
        return ports.clone();
    }

    long[] pids() {
        return pids.clone();
    }

    private void waitFor(int i, String expected, String inline, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = command(ports[i], inline);
                if (last.contains(expected)) return;
            } catch (IOException notYet) {
                last = notYet.getMessage();
            }
            Processes.sleep(100);
        }
        throw new IllegalStateException("redis on port " + ports[i] + " did not answer " + expected + " to " + inline + " (" + last + ")");
    }

    /** One inline command; the reply as text (bulk replies read whole, enough for PING and CLUSTER INFO). */
    static String command(int port, String inline) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            if (first == null || !first.startsWith("$")) return String.valueOf(first);
            char[] body = new char[Integer.parseInt(first.substring(1))];
            int read = 0;
            while (read < body.length) {
                int r = in.read(body, read, body.length - read);
                if (r < 0) break;
                read += r;
            }
            return new String(body, 0, read);
        }
    }
}
