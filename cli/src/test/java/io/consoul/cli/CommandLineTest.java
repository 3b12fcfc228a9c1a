package io.consoul.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @TestFactory
    @DisplayName("every command has --help, which exits 0 and shows its usage")
    Stream<DynamicTest> everyCommandHasHelp() {
        return Stream.of("switch", "rollback", "status", "preview", "capacity").map(command ->
                DynamicTest.dynamicTest(command + " --help", () -> {
                    Cli.Result result = Cli.run(command, "--help");
                    assertEquals(0, result.exitCode(), result.err());
                    assertTrue(result.out().contains("Usage: consoul " + command), result.out());
                }));
    }

    @Test
    @DisplayName("preview --help says it is not a substitute for `pulumi preview`")
    void previewHelpSaysWhatItIsNot() {
        String help = Cli.run("preview", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("NOT a substitute for `pulumi preview`"), help);
    }

    @Test
    @DisplayName("bad usage exits non-zero with one line saying why")
    void badUsageIsOneLine() {
        Cli.Result result = Cli.run("switch");
        assertEquals(2, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("<stack>"), result.err());
    }

    @Test
    @DisplayName("a failure exits 1 with one line naming the problem")
    void failureIsOneLine() {
        Cli.Result result = Cli.run("preview", "nowhere-dev", "--project-dir", Cli.repositoryRoot().toString());
        assertEquals(1, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("no stack file Pulumi.nowhere-dev.yaml"), result.err());
    }
}
