package io.consoul.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.List;
import java.util.Set;
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

    @TestFactory
    @DisplayName("the command line main builds for one command (only that subcommand) answers exactly like the full one")
    Stream<DynamicTest> oneCommandAnswersLikeTheFullCommandLine() {
        String root = Cli.repositoryRoot().toString();
        return Stream.of(
                List.of("preview", "--help"), List.of("preview"), List.of("preview", "-V"),
                List.of("preview", "nowhere-dev", "--project-dir", root),
                List.of("preview", "aws-production", "--format", "xml", "--project-dir", root),
                List.of("preview", "aws-production", "--bogus"),
                List.of("preview", "k8s-production", "--format", "json", "--project-dir", root),
                List.of("switch"), List.of("switch", "--help"), List.of("switch", "aws-production", "--warm-up", "x"),
                List.of("rollback", "--help"), List.of("scale-down", "--help"), List.of("status", "--bogus"),
                List.of("capacity", "--help"), List.of("help"), List.of("help", "preview"), List.of("--help"),
                List.of("--version"), List.of("prevue", "aws-production")
        ).map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> {
            CommandLine forFirst = ConsoulCli.commandLine(args.get(0));
            assertEquals(Cli.run(args.toArray(String[]::new)), Cli.run(forFirst, args.toArray(String[]::new)));
        }));
    }

    @Test
    @DisplayName("a subcommand's command line holds that subcommand only; help and anything else get them all")
    void oneCommandLineBuildsOneSubcommand() {
        Set<String> all = ConsoulCli.commandLine().getSubcommands().keySet();
        assertEquals(Set.of("switch", "rollback", "scale-down", "status", "preview", "capacity", "help"), all);
        assertEquals(Set.of("preview"), ConsoulCli.commandLine("preview").getSubcommands().keySet());
        assertEquals(Set.of("switch"), ConsoulCli.commandLine("switch").getSubcommands().keySet());
        assertEquals(all, ConsoulCli.commandLine("help").getSubcommands().keySet());
        assertEquals(all, ConsoulCli.commandLine("--help").getSubcommands().keySet());
        assertEquals(all, ConsoulCli.commandLine("prevue").getSubcommands().keySet());
        assertEquals(all, ConsoulCli.commandLine(null).getSubcommands().keySet());
    }
}
