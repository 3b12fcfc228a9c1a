package io.consoul.cli.switching;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.WorkspaceStack;
import io.consoul.cli.CliFailure;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stack of the repository's Pulumi project, driven through Pulumi's Automation API — which runs the {@code pulumi}
 * CLI found on {@code PATH}, in the project directory, with the stack's usual credentials and backend.
 */
final class PulumiStack implements StackGateway {
    static final String ACTIVE_COLOR_KEY = "consoul:activeColor";
    private final WorkspaceStack stack;

    private PulumiStack(WorkspaceStack stack) {
        this.stack = stack;
    }

    /**
     * Selects an existing stack. {@code CONSOUL_CLOUD} picks the cloud program {@code pulumi up} runs (see
     * docs/deploying.md); the pool setting keeps Pulumi's Java runner from hanging on machines with 2 CPUs.
     */
    static PulumiStack select(Path projectDir, String stackName, String cloud) {
        Map<String, String> env = new HashMap<>();
        env.put("CONSOUL_CLOUD", cloud);
        if (System.getenv("MAVEN_OPTS") == null) {
            env.put("MAVEN_OPTS", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4");
        }
        try {
            return new PulumiStack(LocalWorkspace.selectStack(stackName, projectDir,
                    LocalWorkspaceOptions.builder().workDir(projectDir).environmentVariables(env).build()));
        } catch (AutomationException e) {
            throw failure("select stack " + stackName, e);
        }
    }

    @Override
    public Map<String, String> outputs() {
        try {
            Map<String, String> outputs = new TreeMap<>();
            stack.getOutputs().forEach((name, value) ->
                    outputs.put(name, value.value() == null ? "" : String.valueOf(value.value())));
            return outputs;
        } catch (AutomationException e) {
            throw failure("read the stack's outputs", e);
        }
    }

    @Override
    public void setActiveColor(String colour) {
        try {
            stack.setConfig(ACTIVE_COLOR_KEY, new ConfigValue(colour));
        } catch (AutomationException e) {
            throw failure("set " + ACTIVE_COLOR_KEY, e);
        }
    }

    @Override
    public void up() {
        try {
            stack.up(UpOptions.builder().build());
        } catch (AutomationException e) {
            throw failure("pulumi up", e);
        }
    }

    /** The CLI's own last error line is the useful part of a failed command. */
    private static CliFailure failure(String what, AutomationException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String last = message.strip().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(message);
        return new CliFailure("could not " + what + ": " + last.strip());
    }
}
