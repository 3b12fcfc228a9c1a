package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;
import io.consoul.cli.ProjectDir;
import io.consoul.cli.StackConfig;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.StackName;
import io.consoul.local.LocalStack;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/** The stack argument and project directory the switch, rollback and status commands share. */
final class StackOptions {
    static final String LOCAL = "local";

    @Parameters(index = "0", paramLabel = "<stack>",
            description = "Stack name, e.g. aws-production; `local` is the deployment ./local-deploy runs on this machine.")
    String stack;

    @Option(names = "--local-dir", description = "Work directory of the local deployment (default: $CONSOUL_LOCAL_DIR, else /tmp/consoul-local).")
    Path localDir;

    @Option(names = "--project-dir", description = "Directory of Pulumi.yaml (default: the nearest one above the working directory).")
    Path projectDir;

    /** How this machine reaches the stack's previewUrl and url, from its stack file (local: directly). */
    PreviewReach reach() {
        if (LOCAL.equals(stack)) {
            return PreviewReach.direct(stack);
        }
        Path file = ProjectDir.resolve(projectDir).resolve("Pulumi." + stack + ".yaml");
        return PreviewReach.real(stack, Files.isRegularFile(file) ? PreviewReach.wayOf(StackConfig.load(file))
                : PreviewReach.Way.DIRECT);
    }

    /**
     * The deployed stack: {@code local} is the one on this machine (HAProxy's runtime API); any other is a Pulumi stack,
     * whose cloud (consoul:cloud, else the name's prefix) selects the program {@code pulumi up} runs.
     */
    StackGateway open() {
        if (LOCAL.equals(stack)) {
            return LocalGateway.attach(localDir != null ? localDir : LocalStack.defaultWorkDir());
        }
        Path dir = ProjectDir.resolve(projectDir);
        Path file = dir.resolve("Pulumi." + stack + ".yaml");
        Cloud cloud = Files.isRegularFile(file) ? StackConfig.load(file).cloud() : null;
        if (cloud == null) {
            cloud = StackName.parse(stack).cloud().orElseThrow(() -> new CliFailure("cannot tell the cloud of stack "
                    + stack + ": name it <cloud>-<environment> or set consoul:cloud"));
        }
        return PulumiStack.select(dir, stack, cloud);
    }
}
