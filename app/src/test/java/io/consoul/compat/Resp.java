package io.consoul.compat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Inline Redis commands on one database of a test Redis, for looking at what the service stored. */
final class Resp {
    private Resp() {}

    /** The first reply line of each command, run in order on one connection after {@code SELECT db}. */
    static List<String> run(int port, int db, String... commands) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(("SELECT " + db + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            in.readLine();
            List<String> replies = new ArrayList<>();
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = in.readLine();
                if (line.startsWith("$") && !line.equals("$-1")) line = in.readLine();
                if (line.startsWith("*")) {
                    int n = Integer.parseInt(line.substring(1));
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        in.readLine();
                        all.append(in.readLine()).append('\n');
                    }
                    line = all.toString();
                }
                replies.add(line);
            }
            return replies;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code SET key value EX seconds} in RESP (the value may hold any character). */
    static void set(int port, int db, String key, String value, int seconds) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder command = new StringBuilder("SELECT " + db + "\r\n");
            String[] parts = {"SET", key, value, "EX", Integer.toString(seconds)};
            command.append('*').append(parts.length).append("\r\n");
            for (String part : parts) {
                command.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
            }
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            in.readLine();
            String reply = in.readLine();
            if (!"+OK".equals(reply)) throw new IllegalStateException("SET answered " + reply);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int db(String redisUrl) {
        return Integer.parseInt(redisUrl.substring(redisUrl.lastIndexOf('/') + 1));
    }
}
