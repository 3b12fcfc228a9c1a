package io.consoul.infra.spec.mock;

import com.pulumi.core.Output;
import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.deployment.internal.Runner;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MockStack} runs programs with {@link CompletionRunner}: a run ends as it would under Pulumi's own runner. */
@Timeout(60)
class CompletionRunnerTest {
    private static final long LATE_MS = 300;

    @Test
    @DisplayName("the run waits for work the program left running: a resource declared after the program returned is in it")
    void theRunWaitsForWorkLeftRunning() {
        StackRun run = MockStack.run("aws-dev", ctx -> {
            Output<String> late = Output.of(later("ready", null));
            // The program returns now; this resource is declared only when the value arrives.
            ctx.export("late", late.applyValue(value -> new ComponentResource("consoul:test:Late", value)
                    .pulumiResourceName()));
        });
        assertTrue(run.succeeded(), run.errorText());
        assertEquals("ready", run.outputs().get("late"));
        assertEquals(List.of("ready"), names(run, "consoul:test:Late"));
    }

    @Test
    @DisplayName("a failure in work the program left running fails the run, logged to the engine with its message")
    void aLateFailureFailsTheRun() {
        StackRun run = MockStack.run("aws-dev", ctx -> {
            Output<String> late = Output.of(later(null, new IllegalStateException("the quota ran out")));
            ctx.export("late", late.applyValue(value -> value + "!"));
        });
        assertFalse(run.succeeded());
        // The runner saw it and told the engine (not only the output's resolution afterwards): exit 32, logged error.
        assertEquals(32, run.exitCode());
        assertTrue(run.errors().stream().anyMatch(e -> e.contains("the quota ran out")), run.errors().toString());
    }

    @Test
    @DisplayName("a program that throws fails the run with Pulumi's exit code for a logged failure, 32")
    void aThrowingProgramFailsTheRun() {
        StackRun run = MockStack.run("aws-dev", ctx -> {
            throw new IllegalArgumentException("no such size: huge");
        });
        assertEquals(32, run.exitCode());
        assertTrue(run.errorText().contains("no such size: huge"), run.errorText());
    }

    @Test
    @DisplayName("a task already finished when registered does not end the run while the program's other work is running")
    void aTaskFinishedAtOnceDoesNotEndTheRun() throws Exception {
        CompletionRunner runner = new CompletionRunner(EngineLogger.ignore());
        // Programs register finished tasks (an Output of a known value) from their own thread, even before the
        // runner has seen the program: counted alone, such a task would bring the count to zero and end the run.
        runner.registerTask("finished at once", CompletableFuture.completedFuture(null));
        CompletableFuture<Void> slow = new CompletableFuture<>();
        CompletableFuture<Runner.Result<String>> run = runner.runAsync(() -> {
            runner.registerTask("finished at once, from the program", CompletableFuture.completedFuture(null));
            runner.registerTask("slow", slow);
            return "declared";
        });
        assertThrows(TimeoutException.class, () -> run.get(LATE_MS, TimeUnit.MILLISECONDS), "ended before the slow task");
        slow.complete(null);
        Runner.Result<String> result = run.get(10, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode());
        assertEquals("declared", result.result().orElseThrow());
    }

    /** A value (or failure) that arrives from another thread after the program has returned. */
    private static <T> CompletableFuture<T> later(T value, RuntimeException failure) {
        CompletableFuture<T> future = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(LATE_MS, TimeUnit.MILLISECONDS).execute(() -> {
            if (failure != null) future.completeExceptionally(failure);
            else future.complete(value);
        });
        return future;
    }

    private static List<String> names(StackRun run, String type) {
        return run.pulumiResources().stream().filter(r -> r.pulumiResourceType().equals(type))
                .map(Resource::pulumiResourceName).toList();
    }
}
