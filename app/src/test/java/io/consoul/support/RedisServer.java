package io.consoul.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code redis-server} process on a free loopback port, for tests. It can be stopped and started again
 * on the same port (outage tests). Fails with install instructions when the binary is missing.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private Process process;

    private RedisServer(int port, List<String> extraArgs) throws IOException {
        this.port = port;
        this.extraArgs = extraArgs;
        this.dir = Files.createTempDirectory("consoul-redis-");
    }

    public static RedisServer launch(String... extraArgs) {
        try {
            RedisServer server = new RedisServer(freePort(), List.of(extraArgs));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts on a port chosen before (a Redis the app was told about before it existed). */
    public static RedisServer launchOn(int port) {
        try {
            RedisServer server = new RedisServer(port, List.of());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String binary() {
        for (String candidate : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            if (new File(candidate).canExecute()) return candidate;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                File f = new File(d, "redis-server");
                if (f.canExecute()) return f.getPath();
            }
        }
        throw new IllegalStateException("redis-server is not installed; the tests need a real Redis. "
                + "Install it with: sudo apt-get install -y redis-server (Debian/Ubuntu) or brew install redis (macOS)");
    }

    public synchronized void start() {
        List<String> command = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no"));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server", e);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if ("+PONG".equals(command("PING"))) return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    public synchronized void stop() {
        if (process == null) return;
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public int port() {
        return port;
    }

    public String url(int db) {
        return "redis://127.0.0.1:" + port + "/" + db;
    }

    /** Sends one inline command and returns the first reply line (enough for PING, FLUSHALL, DBSIZE). */
    public String command(String inline) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    /** {@code INFO <section>} as text, e.g. {@code commandstats} to count the commands a workload sent. */
    public String info(String section) throws IOException {
        return bulk("INFO " + section);
    }

    /** An inline command whose reply is one bulk string ({@code INFO}, {@code CLUSTER INFO}). */
    public String bulk(String inline) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            StringBuilder header = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) if (c != '\r') header.append((char) c);
            byte[] body = new byte[Integer.parseInt(header.substring(1))];
            in.readFully(body);
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The server's clock ({@code TIME}) in milliseconds: the clock the limiter's script reads. */
    public long timeMillis() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("TIME\r\n".getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            in.readLine(); // *2
            in.readLine(); // $n
            long seconds = Long.parseLong(in.readLine());
            in.readLine(); // $n
            long micros = Long.parseLong(in.readLine());
            return seconds * 1000 + micros / 1000;
        }
    }

    /** Starts recording every command the server executes, from any client ({@code MONITOR}). */
    public RedisMonitor monitor() throws IOException {
        return new RedisMonitor(port);
    }

    /** {@code used_cpu_sys:} and {@code used_cpu_user:}, not the {@code _children} or {@code _main_thread} lines. */
    private static final Pattern MAIN_PROCESS_CPU = Pattern.compile("used_cpu_(?:sys|user):([0-9.]+)");

    /** CPU seconds the server's main process has used so far (INFO cpu: used_cpu_sys + used_cpu_user). */
    public double cpuSeconds() throws IOException {
        Matcher m = MAIN_PROCESS_CPU.matcher(info("cpu"));
        double total = 0;
        for (int i = 0; i < 2 && m.find(); i++) total += Double.parseDouble(m.group(1));
        return total;
    }

    /** Total calls of every command so far, except INFO itself. */
    public long commandsSoFar() throws IOException {
        long total = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)").matcher(info("commandstats"));
        while (m.find()) if (!m.group(1).equals("info")) total += Long.parseLong(m.group(2));
        return total;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
