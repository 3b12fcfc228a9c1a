package io.consoul.infra.spec.mock;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a Pulumi program in-process under {@link ConsoulMocks}, as an update (not a preview) so every value resolves.
 * One run at a time per thread: Pulumi's deployment is thread-bound.
 */
public final class MockStack {
    public static final String PROJECT = "consoul";
    private static final long OUTPUT_TIMEOUT_SECONDS = 30;

    private MockStack() {
    }

    public static StackRun run(String stackName, Consumer<Context> program) {
        return run(stackName, ConsoulMocks.create(), program);
    }

    public static StackRun run(String stackName, ConsoulMocks mocks, Consumer<Context> program) {
        return run(engine(stackName, mocks), mocks, program);
    }

    /**
     * Runs a program that reads its own config ({@code App::stack}), as {@code pulumi up} would hand it: keys fully
     * qualified ({@code consoul:size}), the secret ones listed in {@code secretKeys}.
     */
    public static StackRun runWithConfig(String stackName, Map<String, String> config, Set<String> secretKeys,
                                         Consumer<Context> program) {
        ConsoulMocks mocks = ConsoulMocks.create();
        return run(engine(stackName, mocks).config(config, secretKeys), mocks, program);
    }

    /**
     * The mock engine: {@code PulumiTest.withMocks(…).withOptions(…)} builds the same (the internal builder is what
     * it wraps, and the public API takes no config), with our {@link CompletionRunner} in place of Pulumi's polling one.
     */
    private static PulumiTestInternal.Builder engine(String stackName, ConsoulMocks mocks) {
        TestOptions options = TestOptions.builder().projectName(PROJECT).stackName(stackName).preview(false)
                .resourceTransformations(List.of(mocks.secretTracker())).build();
        return PulumiTestInternal.builder().options(options).mocks(mocks).deploymentFactory(state -> {
            state.runner = new CompletionRunner(state.logger); // a public field, read by everything built below
            return new DeploymentImpl(state);
        });
    }

    private static StackRun run(PulumiTestInternal.Builder engine, ConsoulMocks mocks, Consumer<Context> program) {
        try {
            return collect(mocks, engine.build().runTest(program));
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static StackRun collect(ConsoulMocks mocks, TestResult result) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        Set<String> secret = new HashSet<>();
        List<Exception> exceptions = new ArrayList<>(result.exceptions());
        result.outputs().forEach((name, output) -> {
            try {
                outputs.put(name, resolve(output));
                if (isSecret(output)) {
                    secret.add(name);
                }
            } catch (IllegalStateException e) {
                // A failed output (an unmocked function, a throwing apply) is a failed run, not a crash here.
                outputs.put(name, null);
                exceptions.add(e);
            }
        });
        int exitCode = exceptions.isEmpty() ? result.exitCode() : Math.max(1, result.exitCode());
        return new StackRun(exitCode, mocks.resources(), result.resources(), outputs, secret, result.errors(),
                exceptions, mocks.unmockedCalls());
    }

    /** The value of an output, or null when unknown. */
    public static <T> T resolve(Output<T> output) {
        try {
            return Internal.of(output).getValueNullable().get(OUTPUT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("output did not resolve", e);
        }
    }

    public static boolean isSecret(Output<?> output) {
        try {
            return Internal.of(output).isSecret().get(OUTPUT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("output did not resolve", e);
        }
    }
}
