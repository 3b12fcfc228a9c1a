package io.consoul.local;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starting and stopping the stack's processes by pid, so that a later command in another shell (or JVM) can stop
 * what an earlier one started. Children are detached: their output goes to a log file, not to a pipe of ours.
 */
final class Processes {
    private Processes() {
    }

    static long start(List<String> command, Map<String, String> env, Path log, Path dir) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Settings of the shell that ran us must not leak into an instance (a stray REDIS_URL would rewire it).
        builder.environment().keySet().removeIf(k -> k.startsWith("CONSOUL_") || k.endsWith("REDIS_URL"));
        builder.environment().putAll(env);
        try {
            return builder.start().pid();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** When the process started (ms since the epoch), 0 when it is gone: with the pid, a process's identity. */
    static long startMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
    static void terminate(long pid, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) return;
        handle.get().destroy();
        if (!waitForExit(pid, grace)) {
            handle.get().destroyForcibly();
            waitForExit(pid, Duration.ofSeconds(5));
        }
    }

    /** SIGKILL: no drain, no goodbye (the fault suite's crash). */
    static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        waitForExit(pid, Duration.ofSeconds(5));
    }

    static boolean waitForExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive(pid)) {
            if (System.nanoTime() > deadline) return false;
            sleep(50);
        }
        return true;
    }

    /** A port free on loopback right now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first of {@code names} that is an executable file, on the PATH or as given. */
    static String binary(String installHint, String... names) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/bin";
        for (String name : names) {
            if (name.contains("/") && new File(name).canExecute()) return name;
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, name);
                if (f.canExecute()) return f.getPath();
            }
        }
        throw new IllegalStateException(names[0] + " is not installed. " + installHint);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
