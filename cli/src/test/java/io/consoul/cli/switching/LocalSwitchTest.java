package io.consoul.cli.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consoul.cli.Cli;
import io.consoul.client.ConsoulClient;
import io.consoul.local.Color;
import io.consoul.local.LocalStack;
import io.consoul.local.StackOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code consoul switch local} for real: Redis, three app JVMs and HAProxy on this machine, the same smoke gate as
 * on the clouds, and HAProxy's runtime API as the "update".
 */
@Timeout(300)
class LocalSwitchTest {
    static final String KEY = "sk-local-switch-test";
    static Path workDir;
    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        workDir = Files.createTempDirectory("consoul-local-switch");
        Path jar = Cli.repositoryRoot().resolve("app/target/consoul-app-exec.jar");
        stack = LocalStack.up(StackOptions.builder(workDir, jar).env("CONSOUL_API_KEYS", KEY).build());
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.down();
    }

    @Test
    void aFailedSmokeTestChangesNothingThenAPassingOneMovesProductionAndRollbackMovesItBack() {
        String dir = workDir.toString();
        Cli.Result refused = Cli.run("switch", "local", "--local-dir", dir, "--smoke-api-key", "sk-not-the-key");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.err().contains("/chat"), refused.err());
        assertEquals(stack.version(Color.BLUE), served(stack.url()), "production still on blue");
        assertEquals(Color.BLUE, LocalStack.attach(workDir).activeColor());

        Cli.Result switched = Cli.run("switch", "local", "--local-dir", dir, "--smoke-api-key", KEY);
        assertEquals(0, switched.exitCode(), switched.out() + switched.err());
        assertEquals(stack.version(Color.GREEN), served(stack.url()));
        assertEquals(stack.version(Color.BLUE), served(stack.previewUrl()));
        String status = Cli.run("status", "local", "--local-dir", dir).out();
        assertTrue(status.contains("green is live"), status);

        Cli.Result rolledBack = Cli.run("rollback", "local", "--local-dir", dir);
        assertEquals(0, rolledBack.exitCode(), rolledBack.out() + rolledBack.err());
        assertEquals(stack.version(Color.BLUE), served(stack.url()));
    }

    private static String served(String url) {
        return ConsoulClient.builder(url).build().health().version();
    }
}
