package io.consoul.cli.switching;

import io.consoul.cli.Cli;
import io.consoul.support.ConsoulInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code consoul switch | rollback | status} as a whole process, its Automation API calls answered by a stand-in
 * {@code pulumi} on {@code PATH}, its smoke tests and verification made against two real instances of the API
 * (blue runs 1.0.0, green 1.1.0).
 */
@Timeout(180)
class SwitchTest {
    private static final String STACK = "aws-production";
    private static ConsoulInstance blue;
    private static ConsoulInstance green;

    @TempDir
    Path work;
    private StandInPulumi pulumi;

    @BeforeAll
    static void startColours() {
        blue = ConsoulInstance.start(Map.of("consoul.version", "1.0.0"));
        green = ConsoulInstance.start(Map.of("consoul.version", "1.1.0", "consoul.api-keys", "smoke-key"));
    }

    @AfterAll
    static void stopColours() {
        blue.close();
        green.close();
    }

    @BeforeEach
    void project() throws IOException {
        Path root = Cli.repositoryRoot();
        Files.copy(root.resolve("Pulumi.yaml"), work.resolve("Pulumi.yaml"));
        Files.copy(root.resolve("Pulumi." + STACK + ".yaml"), work.resolve("Pulumi." + STACK + ".yaml"));
        pulumi = standIn("ghcr.io/consoul/consoul:1.1.0");
    }

    private StandInPulumi standIn(String greenImage) throws IOException {
        return StandInPulumi.install(work.resolve("bin"), blue.url(), green.url(), "ghcr.io/consoul/consoul:1.0.0", greenImage);
    }

    @Test
    @DisplayName("switch: smoke test passes, then consoul:activeColor is set, then `pulumi up` runs, then url serves green")
    void switchSetsColourThenUpdates() throws Exception {
        Run run = consoul("switch", STACK, "--smoke-api-key", "smoke-key");
        assertEquals(0, run.exitCode, run.err);
        List<String> calls = pulumi.calls();
        int set = indexOf(calls, "config set consoul:activeColor --plaintext --stack " + STACK + " --non-interactive -- green");
        int up = indexOf(calls, "up --yes --skip-preview");
        assertTrue(set >= 0 && up > set, "config set, then up: " + calls);
        assertTrue(indexOf(calls, "stack output --json --stack " + STACK) < set, "outputs read first: " + calls);
        assertEquals("green", pulumi.deployed());
        assertTrue(run.out.contains("✔ smoke test green (ghcr.io/consoul/consoul:1.1.0) at " + blueOrGreen("green")), run.out);
        assertTrue(run.out.contains("✔ /chat: HTTP 200"), run.out);
        assertTrue(run.out.contains("green is live (1.1.0)"), run.out);
    }

    @Test
    @DisplayName("switch: a failed smoke check refuses, changes no config and runs no update")
    void failedSmokeTestChangesNothing() throws Exception {
        pulumi = standIn("ghcr.io/consoul/consoul:1.2.0"); // green's image says 1.2.0, green serves 1.1.0
        Run run = consoul("switch", STACK);
        assertEquals(1, run.exitCode, run.out);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.contains("refused to switch " + STACK + " to green: version 1.1.0, but the image"), run.err);
        assertTrue(run.err.contains("nothing was changed"), run.err);
        List<String> calls = pulumi.calls();
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("config set") || c.startsWith("up")), calls.toString());
        assertEquals("blue", pulumi.configured());
        assertEquals("blue", pulumi.deployed());
    }

    @Test
    @DisplayName("switch to the colour already live is a no-op that says so")
    void switchToLiveColourIsNoOp() throws Exception {
        Run run = consoul("switch", STACK, "--to", "blue");
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("blue is already live on " + STACK + ": nothing to do."), run.out);
        assertTrue(pulumi.calls().stream().noneMatch(c -> c.startsWith("config set") || c.startsWith("up")));
    }

    @Test
    @DisplayName("rollback switches back to the previously live colour, with the same checks")
    void rollbackSwitchesBack() throws Exception {
        pulumi.deploy("green");
        Run run = consoul("rollback", STACK);
        assertEquals(0, run.exitCode, run.err);
        assertTrue(pulumi.calls().contains("config set consoul:activeColor --plaintext --stack " + STACK
                + " --non-interactive -- blue"), pulumi.calls().toString());
        assertEquals("blue", pulumi.deployed());
        assertTrue(run.out.contains("✔ smoke test blue"), run.out);
        assertTrue(run.out.contains("blue is live (1.0.0)"), run.out);
    }

    @Test
    @DisplayName("a failed update sets consoul:activeColor back, so config still says what is deployed")
    void failedUpdateRestoresConfig() throws Exception {
        pulumi.failUpdates();
        Run run = consoul("switch", STACK);
        assertEquals(1, run.exitCode, run.out);
        assertTrue(run.err.contains("could not pulumi up") && run.err.contains("set back to blue"), run.err);
        assertEquals("blue", pulumi.configured());
        assertEquals("blue", pulumi.deployed());
    }

    @Test
    @DisplayName("status prints both colours, their images and versions, and which is live")
    void statusShowsBothColours() throws Exception {
        Run run = consoul("status", STACK);
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("Stack " + STACK + ": blue is live"), run.out);
        assertTrue(run.out.matches("(?s).*blue\\s+live\\s+ghcr.io/consoul/consoul:1.0.0\\s+1.0.0\\s+" + blue.url() + ".*"), run.out);
        assertTrue(run.out.matches("(?s).*green\\s+idle\\s+ghcr.io/consoul/consoul:1.1.0\\s+1.1.0\\s+" + green.url() + ".*"), run.out);
    }

    private static String blueOrGreen(String colour) {
        return colour.equals("blue") ? blue.url() : green.url();
    }

    private static int indexOf(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private record Run(int exitCode, String out, String err) {
    }

    /**
     * The CLI in its own JVM: the Automation API starts "pulumi" through the JVM's own PATH, which a test cannot
     * change in-process.
     */
    private Run consoul(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.consoul.cli.ConsoulCli"));
        command.addAll(List.of(args));
        command.addAll(List.of("--project-dir", work.toString()));
        if (!args[0].equals("status")) {
            command.addAll(List.of("--verify-timeout", "10"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("PATH", pulumi.directory() + File.pathSeparator + System.getenv("PATH"));
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("consoul did not finish: " + Files.readString(out) + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
