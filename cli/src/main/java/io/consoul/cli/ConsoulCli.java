package io.consoul.cli;

import io.consoul.cli.capacity.CapacityCommand;
import io.consoul.cli.preview.PreviewCommand;
import io.consoul.cli.switching.RollbackCommand;
import io.consoul.cli.switching.ScaleDownCommand;
import io.consoul.cli.switching.StatusCommand;
import io.consoul.cli.switching.SwitchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * {@code consoul}: the blue-green switch, an offline preview of a stack, and the scaling guide's capacity planning.
 * Exit code 0 on success; on failure, one line on stderr saying why and a non-zero code (1 failed, 2 bad usage).
 */
@Command(name = "consoul", mixinStandardHelpOptions = true, versionProvider = ConsoulCli.Version.class,
        description = "Operate Consoul stacks: blue-green switch, offline preview, capacity planning.")
public final class ConsoulCli implements Runnable {
    /** Pulumi's runner hangs when the common pool has one thread (2 CPUs); must be set before the pool exists. */
    private static final String POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    /** The subcommands, in the order {@code consoul --help} lists them; each is named by its own {@code @Command}. */
    private static final List<Class<?>> COMMANDS = List.of(SwitchCommand.class, RollbackCommand.class,
            ScaleDownCommand.class, StatusCommand.class, PreviewCommand.class, CapacityCommand.class,
            CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        if (System.getProperty(POOL_PARALLELISM) == null) {
            System.setProperty(POOL_PARALLELISM, "4");
        }
        System.exit(commandLine(args.length > 0 ? args[0] : null).execute(args));
    }

    /** The configured command line with every subcommand, also what the tests execute in-process. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for arguments whose first one is {@code first}: when that names a subcommand, only that one
     * is built. picocli builds each command's model by reflection over its options and mixins (about 40 ms of a
     * preview's start for the five others); a run executes one. {@code help} lists its siblings, so it gets them all,
     * as does anything else (options of {@code consoul} itself, a mistyped command and its suggestions).
     */
    static CommandLine commandLine(String first) {
        Class<?> only = COMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first))
                .findFirst().orElse(null);
        CommandLine cli = new CommandLine(new ConsoulCli());
        for (Class<?> command : COMMANDS) {
            if (only == null || command == only) {
                cli.addSubcommand(command); // picocli instantiates it, as it did for @Command(subcommands = ...)
            }
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandName() + ": " + oneLine(e));
            return e instanceof CliFailure failure ? failure.exitCode() : 1;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                    + " (see --help)");
            return 2;
        });
        return cli;
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ConsoulCli.class.getPackage().getImplementationVersion();
            return new String[] {"consoul " + (version != null ? version : "development build")};
        }
    }
}
