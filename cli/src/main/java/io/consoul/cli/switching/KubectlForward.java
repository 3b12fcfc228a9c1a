package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code kubectl port-forward --namespace <ns> service/<name> <free port>:80} in the current kubectl context, for as
 * long as the command runs. kubectl picks one ready pod of the Service when the forward opens, so the production
 * forward is opened after the update, when the Service already selects the new colour.
 */
final class KubectlForward implements PreviewReach.Forwarder {
    private final List<Process> forwards = new ArrayList<>();

    @Override
    public String open(String namespace, String service) {
        int port = freePort();
        List<String> command = List.of("kubectl", "port-forward", "--namespace", namespace, "service/" + service,
                "--address", "127.0.0.1", port + ":80");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            forwards.add(process);
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    StringBuilder seen = new StringBuilder();
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("Forwarding from")) {
                            return null;
                        }
                        seen.append(line).append(' ');
                    }
                    return seen.toString().strip();
                } catch (IOException e) {
                    return e.getMessage();
                }
            });
            String problem = ready.get(30, TimeUnit.SECONDS);
            if (problem != null) {
                throw new CliFailure(String.join(" ", command) + " failed: " + problem);
            }
            return "http://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new CliFailure("could not run kubectl: " + e.getMessage());
        } catch (TimeoutException | ExecutionException e) {
            throw new CliFailure(String.join(" ", command) + " did not open within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    @Override
    public void close() {
        forwards.forEach(Process::destroy);
        forwards.clear();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new CliFailure("no free local port: " + e.getMessage());
        }
    }
}
