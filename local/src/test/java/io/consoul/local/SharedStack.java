package io.consoul.local;

import io.consoul.local.faults.FaultStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One fault-suite stack (single Redis, 2 blue + 1 green, HAProxy) for every test class of a run: starting three
 * JVMs is the slow part, so they share it. Stopped when the run ends (the root store closes it), or by the
 * shutdown hook if the JVM dies first. Needs {@code app/target/consoul-app-exec.jar}.
 */
final class SharedStack implements BeforeAllCallback {
    private static volatile LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedStack.class, k -> start(), Running.class);
    }

    static LocalStack get() {
        return stack;
    }

    static Path appJar() {
        return Path.of(System.getProperty("consoul.appJar", "../app/target/consoul-app-exec.jar"));
    }

    private static Running start() {
        try {
            Path dir = Files.createTempDirectory("consoul-local-test-");
            stack = LocalStack.up(FaultStack.options(dir, appJar(), false));
            Thread hook = new Thread(stack::down, "stop-local-stack");
            Runtime.getRuntime().addShutdownHook(hook);
            return new Running(stack, hook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Running(LocalStack stack, Thread hook) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.down();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; down() twice is harmless
            }
        }
    }
}
