package io.consoul.local;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy in front of the app processes, standing in for the ALB: a production frontend that routes to the active
 * colour, a preview frontend for the idle one (the ALB's test listener), one backend per colour with the ALB's
 * {@code /ready} check (rise 2, fall 3). Which colour each frontend serves is a map file; switching is a
 * {@code set map} on the runtime API (no reload, no dropped connection), also written to the file so a restart keeps it.
 */
final class Haproxy {
    static final String INSTALL = "Install it with: sudo apt-get install -y haproxy (Debian/Ubuntu) or brew install haproxy (macOS)";

    /** Server slots per colour in the config: how far {@code ./local-deploy scale} can go. */
    static final int MAX_PER_COLOR = 8;

    private final Path dir;

    Haproxy(Path dir) {
        this.dir = dir;
    }

    Path socket() {
        return dir.resolve("haproxy.sock");
    }

    Path mapFile() {
        return dir.resolve("colors.map");
    }

    /**
     * Writes the config and the map, starts HAProxy in the foreground (its pid is ours to stop) and returns the pid
     * once its runtime API answers. A socket file left by an earlier run (HAProxy does not remove it when stopped,
     * nor when killed) is deleted first: only an answer from the socket proves it is this HAProxy's.
     */
    long start(int productionPort, int previewPort, List<Instance> instances, Color active, Duration checkInterval) {
        try {
            Files.writeString(mapFile(), mapText(active));
            Files.writeString(dir.resolve("haproxy.cfg"), config(productionPort, previewPort, instances, checkInterval));
            Files.deleteIfExists(socket());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String haproxy = Processes.binary(INSTALL, "haproxy", "/usr/sbin/haproxy");
        long pid = Processes.start(List.of(haproxy, "-db", "-f", dir.resolve("haproxy.cfg").toString()), Map.of(),
                dir.resolve("haproxy.log"), dir);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answers()) {
            if (!Processes.alive(pid)) throw new IllegalStateException("haproxy exited: see " + dir.resolve("haproxy.log"));
            if (System.nanoTime() > deadline) throw new IllegalStateException("haproxy did not open " + socket());
            Processes.sleep(50);
        }
        return pid;
    }

    /** Whether a HAProxy answers on the socket now. */
    boolean answers() {
        if (!Files.exists(socket())) return false;
        try {
            return command("show info").contains("Pid:");
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Removes the socket and map left behind (after HAProxy stopped). */
    void forget() {
        try {
            Files.deleteIfExists(socket());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String config(int productionPort, int previewPort, List<Instance> instances, Duration checkInterval) {
        StringBuilder cfg = new StringBuilder();
        cfg.append("""
                global
                    stats socket %s mode 600 level admin
                    maxconn 4096

                defaults
                    mode http
                    option forwardfor
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout http-keep-alive 10s
                    # Only a connection that never reached an instance is retried (on another one): a POST /chat
                    # that did reach it is never sent twice.
                    retries 3
                    option redispatch 1
                    retry-on conn-failure

                frontend production
                    bind 127.0.0.1:%d
                    use_backend %%[str(production),map(%s,blue)]

                frontend preview
                    bind 127.0.0.1:%d
                    use_backend %%[str(preview),map(%s,green)]
                """.formatted(socket(), productionPort, mapFile(), previewPort, mapFile()));
        long inter = checkInterval.toMillis();
        for (Color color : Color.values()) {
            cfg.append("""

                    backend %s
                        balance roundrobin
                        option httpchk GET /ready
                        http-check expect status 200
                        default-server check inter %dms fastinter %dms downinter %dms rise 2 fall 3
                    """.formatted(color.label(), inter, inter, inter));
            // Every slot is declared; a slot without an instance waits in maintenance until a scale-up fills it.
            for (int slot = 1; slot <= MAX_PER_COLOR; slot++) {
                String name = Instance.name(color, slot);
                Instance in = instances.stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
                cfg.append("    server ").append(name).append(" 127.0.0.1:").append(in != null ? in.port() : 1)
                        .append(in != null ? "" : " disabled").append('\n');
            }
        }
        return cfg.toString();
    }

    static String mapText(Color active) {
        return "production " + active.label() + "\npreview " + active.other().label() + "\n";
    }

    /** Routes production to {@code active} and preview to the other colour, at once, for new requests. */
    void activate(Color active) {
        command("set map " + mapFile() + " production " + active.label());
        command("set map " + mapFile() + " preview " + active.other().label());
        try {
            Files.writeString(mapFile(), mapText(active));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points an empty slot at a new instance and takes it out of maintenance: checks start, rise 2 puts it UP. */
    void addServer(Instance instance) {
        String server = instance.color().label() + "/" + instance.name();
        command("set server " + server + " addr 127.0.0.1 port " + instance.port());
        command("set server " + server + " state ready");
    }

    /** Puts a slot back in maintenance: no traffic, no checks. */
    void removeServer(Instance instance) {
        command("set server " + instance.color().label() + "/" + instance.name() + " state maint");
    }

    /** The colour the production frontend routes to, from the runtime map. */
    Color production() {
        for (String line : command("show map " + mapFile()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[1].equals("production")) return Color.parse(f[2]);
        }
        throw new IllegalStateException("haproxy's map has no production entry");
    }

    /** Each server's state as HAProxy sees it: {@code blue/blue-1 → UP}. */
    Map<String, String> serverStates() {
        Map<String, String> states = new LinkedHashMap<>();
        String[] lines = command("show stat").split("\n");
        if (lines.length == 0) return states;
        List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(","));
        int px = header.indexOf("pxname"), sv = header.indexOf("svname"), status = header.indexOf("status");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length <= status || f[sv].equals("FRONTEND") || f[sv].equals("BACKEND")) continue;
            states.put(f[px] + "/" + f[sv], f[status]);
        }
        return states;
    }

    /** One command on the runtime API (the stats socket); the answer as text. */
    String command(String line) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket()));
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            StringBuilder answer = new StringBuilder();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                answer.append(StandardCharsets.UTF_8.decode(buffer));
                buffer.clear();
            }
            String text = answer.toString();
            if (text.contains("Unknown command") || text.contains("not found") || text.contains("Permission denied")) {
                throw new IllegalStateException("haproxy refused '" + line + "': " + text.trim());
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("haproxy runtime API at " + socket() + " did not answer: " + e.getMessage(), e);
        }
    }
}
