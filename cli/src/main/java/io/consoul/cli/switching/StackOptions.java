package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;
import io.consoul.cli.ProjectDir;
import io.consoul.cli.StackConfig;
import io.consoul.infra.spec.Cloud;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/** The stack argument and project directory the switch, rollback and status commands share. */
final class StackOptions {
    @Parameters(index = "0", paramLabel = "<stack>", description = "Stack name, e.g. aws-production.")
    String stack;

    @Option(names = "--project-dir", description = "Directory of Pulumi.yaml (default: the nearest one above the working directory).")
    Path projectDir;

    /** The deployed stack; its cloud (consoul:cloud, else the name's prefix) selects the program `pulumi up` runs. */
    PulumiStack open() {
        Path dir = ProjectDir.resolve(projectDir);
        Path file = dir.resolve("Pulumi." + stack + ".yaml");
        Cloud cloud = Files.isRegularFile(file) ? StackConfig.load(file).cloud() : null;
        if (cloud == null) {
            String name = stack.substring(stack.lastIndexOf('/') + 1);
            cloud = Cloud.fromKey(name.contains("-") ? name.substring(0, name.indexOf('-')) : name)
                    .orElseThrow(() -> new CliFailure("cannot tell the cloud of stack " + stack
                            + ": name it <cloud>-<environment> or set consoul:cloud"));
        }
        return PulumiStack.select(dir, stack, cloud.key());
    }
}
