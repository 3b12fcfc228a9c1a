package io.consoul.infra.spec.mock;

import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.core.internal.Exceptions;
import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.deployment.internal.Runner;
import com.pulumi.exceptions.LogException;
import com.pulumi.exceptions.ResourceException;
import com.pulumi.exceptions.RunException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a program under mocks and waits for the tasks it fires off, woken by their completion.
 *
 * <p>Why not Pulumi's own runner ({@code DeploymentImpl.DefaultRunner}, com.pulumi:pulumi 1.36): it waits by polling
 * its task map in a loop that never sleeps, and formats the whole map into a FINEST log line at every turn (built even
 * when nothing logs it). Under mocks, where nothing waits on a network, that loop keeps a core busy for the whole run:
 * about a quarter of the CPU of a {@code consoul preview}, on a machine whose other core runs the program.
 *
 * <p>Same contract, so a run ends exactly as it did: the program's value once every task registered so far has
 * finished (the program itself is one), or the first task that fails. A failure is logged to the engine as an error —
 * the message alone for a {@link RunException} or a {@link ResourceException} that hides its stack, the stack trace
 * otherwise — and gives exit code 32; a run that logged errors without failing gives 1; otherwise 0.
 */
final class CompletionRunner implements Runner {
    private final EngineLogger engineLogger;
    /**
     * Tasks not finished, starting at one for the program itself: the program registers tasks from its own thread
     * while it runs, some already complete, and those must not bring the count to zero before it has returned.
     */
    private final AtomicInteger unfinished = new AtomicInteger(1);
    private final CompletableFuture<Void> settled = new CompletableFuture<>();

    CompletionRunner(EngineLogger engineLogger) {
        this.engineLogger = engineLogger;
    }

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        unfinished.incrementAndGet();
        countDownWhenDone(task);
    }

    private void countDownWhenDone(CompletableFuture<?> task) {
        task.whenComplete((value, failure) -> {
            if (failure != null) {
                settled.completeExceptionally(failure);
            } else if (unfinished.decrementAndGet() == 0) {
                settled.complete(null); // Pulumi's condition too: nothing registered is still running
            }
        });
    }

    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> program) {
        // Pulumi's context-carrying future: the program and its callbacks find the deployment on their threads.
        CompletableFuture<T> value = ContextAwareCompletableFuture.supplyAsync(program);
        countDownWhenDone(value); // its share of unfinished is the one the count started with
        return value.thenCompose(v -> settled.thenApply(done -> v))
                .handle((v, failure) -> {
                    if (failure == null) {
                        int exitCode = engineLogger.hasLoggedErrors() ? 1 : 0;
                        return CompletableFuture.completedFuture(result(exitCode, List.of(), v));
                    }
                    Exception e = unwrapped(failure); // the run's one failure: it ends the run
                    return logged(e).thenApply(code -> result(code, List.of(e), v));
                })
                .thenCompose(r -> r);
    }

    private static <T> Result<T> result(int exitCode, List<Exception> failures, T value) {
        return new Result<>(exitCode, failures, Optional.ofNullable(value)) {
        };
    }

    private static Exception unwrapped(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        return cause instanceof Exception e ? e : new RunException("unexpected throwable", cause);
    }

    /** Logs a failure to the engine, as the user sees it; its exit code once logged. */
    private CompletableFuture<Integer> logged(Exception e) {
        if (e instanceof LogException) {
            return CompletableFuture.completedFuture(ProcessExitedBeforeLoggingUserActionableMessage); // logging failed
        }
        CompletableFuture<Void> logging;
        if (e instanceof RunException) {
            logging = engineLogger.errorAsync(e.getMessage());
        } else if (e instanceof ResourceException r) {
            logging = engineLogger.errorAsync(r.isHideStack() ? r.getMessage() : Exceptions.getStackTrace(r),
                    r.getResource().orElse(null));
        } else {
            logging = engineLogger.errorAsync("Running program failed with an unhandled exception:\n"
                    + Exceptions.getStackTrace(e));
        }
        return logging.thenApply(done -> ProcessExitedAfterLoggingUserActionableMessage);
    }
}
