package io.consoul.cli.preview;

import io.consoul.cli.CliFailure;
import io.consoul.cli.ProjectDir;
import io.consoul.cli.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code consoul preview <stack>}: what a stack declares, offline, for reviews and policy checks. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Run a stack's program offline, in-process, under Pulumi's mock engine (no cloud account, "
                + "no credentials, no Pulumi CLI) and print the resources it declares for its stack file.",
                "Values a provider would compute are shown as [computed: <resource>.<attribute>], secrets as [secret].",
                "For reviews and policy checks: it is NOT a substitute for `pulumi preview`, which compares with the "
                        + "stack's real state and asks the providers."})
public final class PreviewCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<stack>", description = "Stack name, e.g. aws-production (reads Pulumi.<stack>.yaml).")
    String stack;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|dot",
            description = "table (default), json ({\"stack\",\"cloud\",\"resources\":[{\"type\",\"name\",\"parent\",\"inputs\"}],\"outputs\"}), or dot (Graphviz).")
    String format;

    @Option(names = "--set", paramLabel = "key=value",
            description = "Override one config value for this run (repeatable), e.g. --set activeColor=green. Keys without a namespace are consoul: keys.")
    List<String> overrides = List.of();

    @Option(names = "--project-dir", description = "Directory of Pulumi.yaml (default: the nearest one above the working directory).")
    Path projectDir;

    @Override
    public void run() {
        PreviewFormat chosen = switch (format) {
            case "table" -> PreviewFormat.TABLE;
            case "json" -> PreviewFormat.JSON;
            case "dot" -> PreviewFormat.DOT;
            default -> throw new CliFailure("--format must be table, json or dot, got '" + format + "'", 2);
        };
        StackConfig config = StackConfig.load(ProjectDir.stackFile(ProjectDir.resolve(projectDir), stack));
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new CliFailure("--set takes key=value, got '" + override + "'", 2);
            }
            config = config.with(override.substring(0, eq), override.substring(eq + 1));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(chosen.render(PreviewRunner.run(config)));
        out.flush();
    }
}
