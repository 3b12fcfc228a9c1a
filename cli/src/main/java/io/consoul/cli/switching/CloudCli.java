package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a cloud's own command-line tool ({@code aws}, {@code az}, {@code kubectl}, {@code gcloud}) found on
 * {@code PATH}, with the operator's usual credentials, and returns what it printed. An interface so each cloud's
 * reading is tested with canned answers.
 */
interface CloudCli {
    String run(List<String> command);

    /** The real thing: a process, 60 s at most, its stdout; a missing tool or a non-zero exit is a {@link CliFailure}. */
    CloudCli PROCESS = command -> {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CliFailure(command.get(0) + " did not answer within 60 s: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                String message = new String(err, StandardCharsets.UTF_8).strip();
                throw new CliFailure(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed: "
                        + (message.isEmpty() ? "exit " + process.exitValue() : message.lines().reduce((a, b) -> b).orElse(message)));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure(command.get(0) + " is not installed or not on PATH (" + e.getMessage()
                    + "): the switch reads the live colour's instance count with it; see docs/cli.md");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    };

    /** Whether {@code tool} is an executable on {@code PATH}. */
    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && new java.io.File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
