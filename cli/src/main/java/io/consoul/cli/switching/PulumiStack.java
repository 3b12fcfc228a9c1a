package io.consoul.cli.switching;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.WorkspaceStack;
import io.consoul.cli.CliFailure;

import io.consoul.infra.spec.Cloud;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stack of the repository's Pulumi project, driven through Pulumi's Automation API — which runs the {@code pulumi}
 * CLI found on {@code PATH}, in the project directory, with the stack's usual credentials and backend.
 */
final class PulumiStack implements StackGateway {
    private final WorkspaceStack stack;
    private final Cloud cloud;

    private PulumiStack(WorkspaceStack stack, Cloud cloud) {
        this.stack = stack;
        this.cloud = cloud;
    }

    /**
     * Selects an existing stack. {@code CONSOUL_CLOUD} picks the cloud program {@code pulumi up} runs (see
     * docs/deploying.md); the pool setting keeps Pulumi's Java runner from hanging on machines with 2 CPUs.
     */
    static PulumiStack select(Path projectDir, String stackName, Cloud cloud) {
        Map<String, String> env = new HashMap<>();
        env.put("CONSOUL_CLOUD", cloud.key());
        if (System.getenv("MAVEN_OPTS") == null) {
            env.put("MAVEN_OPTS", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4");
        }
        try {
            return new PulumiStack(LocalWorkspace.selectStack(stackName, projectDir,
                    LocalWorkspaceOptions.builder().workDir(projectDir).environmentVariables(env).build()), cloud);
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
    public Optional<String> config(String key) {
        try {
            return Optional.ofNullable(stack.getConfig(key).value());
        } catch (AutomationException e) {
            if (String.valueOf(e.getMessage()).contains("not found")) {
                return Optional.empty();
            }
            throw failure("read " + key, e);
        }
    }

    @Override
    public void setConfig(String key, String value) {
        try {
            stack.setConfig(key, new ConfigValue(value));
        } catch (AutomationException e) {
            throw failure("set " + key, e);
        }
    }

    @Override
    public void removeConfig(String key) {
        try {
            stack.removeConfig(key);
        } catch (AutomationException e) {
            throw failure("remove " + key, e);
        }
    }

    @Override
    public Optional<Cloud> cloud() {
        return Optional.of(cloud);
    }

    /** Each cloud's reading, with the colour's resources found in {@code pulumi stack export}. */
    @Override
    public PlatformCapacity capacity() {
        StackResources resources;
        try {
            resources = StackResources.of(stack.exportStack().deployment());
        } catch (AutomationException e) {
            throw failure("export the stack's state", e);
        }
        return switch (cloud) {
            case AWS -> new EcsCapacity(resources, CloudCli.PROCESS);
            case GCP -> CloudRunCapacity.real(resources);
            case AZURE -> new ContainerAppsCapacity(resources, CloudCli.PROCESS);
            case K8S -> new KubernetesCapacity(resources, CloudCli.PROCESS);
        };
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
