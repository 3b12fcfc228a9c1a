package io.consoul.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.client.ConsoulClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the local stack started again in the same work dir — after {@code down}, and after every process was
 * killed with SIGKILL (no {@code down} at all, HAProxy's socket and the pid file left behind).
 */
@Timeout(600)
class LocalRestartTest {
    @TempDir
    Path dir;

    private StackOptions options() {
        return StackOptions.builder(dir, SharedStack.appJar()).processes(1, 1).build();
    }

    @Test
    void upDownUpDownInOneDirectory() {
        for (int round = 1; round <= 2; round++) {
            LocalStack stack = LocalStack.up(options());
            assertServes(stack);
            stack.down();
            assertThat(dir.resolve("haproxy.sock")).as("round " + round + ": down leaves no socket").doesNotExist();
            assertThat(LocalStack.exists(dir)).isFalse();
        }
    }

    @Test
    void upAfterEveryProcessWasKilledWithSigkill() throws Exception {
        LocalStack first = LocalStack.up(options());
        StackState state = StackState.load(dir);
        List<Long> pids = new ArrayList<>(List.of(state.haproxyPid));
        for (long pid : state.redisPids) pids.add(pid);
        for (Instance i : state.instances) pids.add(i.pid());
        for (long pid : pids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        for (long pid : pids) assertThat(Processes.waitForExit(pid, java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(dir.resolve("haproxy.sock")).as("SIGKILL leaves HAProxy's socket behind").exists();
        assertThat(Files.exists(dir.resolve(StackState.FILE))).isTrue();

        LocalStack second = LocalStack.up(options());
        try {
            assertServes(second);
            assertThat(second.url()).isNotEqualTo(first.url());
        } finally {
            second.down();
        }
    }

    @Test
    void aPidFromAnEarlierRunNowBelongingToAnotherProcessIsNeitherTrustedNorStopped() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "300").start();
        try {
            LocalStack stack = LocalStack.up(options());
            stack.down();
            // A stale state file naming a live process this stack did not start (its pid reused by the system).
            StackState stale = new StackState();
            stale.appJar = dir.resolve("consoul-app.jar");
            stale.redisPorts = new int[] {1};
            stale.redisPids = new long[] {stranger.pid()};
            stale.haproxyPid = stranger.pid();
            stale.started.put(stranger.pid(), 1L); // another start time: not the process it names now
            stale.save(dir);
            LocalStack again = LocalStack.up(options());
            try {
                assertServes(again);
            } finally {
                again.down();
            }
            assertThat(stranger.isAlive()).as("down never stops a process it did not start").isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }

    private static void assertServes(LocalStack stack) {
        assertThat(ConsoulClient.builder(stack.url()).build().health().version()).isEqualTo(stack.version(Color.BLUE));
        assertThat(ConsoulClient.builder(stack.previewUrl()).build().health().version()).isEqualTo(stack.version(Color.GREEN));
    }
}
