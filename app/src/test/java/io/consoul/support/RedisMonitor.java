package io.consoul.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every command a Redis server executes, as {@code MONITOR} reports it: from every client, so nothing a test
 * counts can be missed by filtering on the client side. Commands a Lua script runs are marked {@link Command#lua}.
 */
public final class RedisMonitor implements AutoCloseable {
    private static final Pattern LINE = Pattern.compile("^\\+[0-9.]+ \\[\\d+ ([^]]+)] (.*)$");
    private static final Pattern ARG = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One executed command: its client ({@code ip:port}, or {@code lua}) and its arguments, the name first. */
    public record Command(String client, List<String> args) {
        public boolean lua() {
            return client.equals("lua");
        }

        public String name() {
            return args.get(0).toUpperCase(java.util.Locale.ROOT);
        }
    }

    private final Socket socket;
    private final List<Command> seen = new CopyOnWriteArrayList<>();
    private final Thread reader;

    RedisMonitor(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String ok = in.readLine();
        if (!"+OK".equals(ok)) throw new IOException("MONITOR answered " + ok);
        reader = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = LINE.matcher(line);
                    if (!m.matches()) continue;
                    List<String> args = new ArrayList<>();
                    Matcher arg = ARG.matcher(m.group(2));
                    while (arg.find()) args.add(arg.group(1));
                    seen.add(new Command(m.group(1), List.copyOf(args)));
                }
            } catch (IOException closed) {
                // the monitor was closed
            }
        }, "redis-monitor-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Everything executed since the monitor started, in order. */
    public List<Command> commands() {
        return List.copyOf(seen);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
