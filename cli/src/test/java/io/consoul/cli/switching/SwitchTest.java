package io.consoul.cli.switching;

import io.consoul.cli.Cli;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.InvalidConfigException;
import io.consoul.infra.spec.config.StackFile;
import io.consoul.support.ConsoulInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import java.io.File;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code consoul switch | rollback | status} as a whole process, its Automation API calls answered by a stand-in
 * {@code pulumi} on {@code PATH}, its smoke tests and verification made against two real instances of the API
 * (blue runs 1.0.0, green 1.1.0).
 */
@Timeout(180)
class SwitchTest {
    private static final String STACK = "aws-production";
    /** A stack whose colours are revisions of one Container App: only the newer image's colour may have a minimum. */
    private static final String AZURE = "azure-production";
    private static final String OLDER = "ghcr.io/consoul/consoul:1.0.0";
    private static final String NEWER = "ghcr.io/consoul/consoul:1.1.0";
    private static ConsoulInstance blue;
    private static ConsoulInstance green;

    @TempDir
    Path work;
    private StandInPulumi pulumi;

    @BeforeAll
    static void startColours() {
        blue = ConsoulInstance.start(Map.of("consoul.version", "1.0.0"));
        // The smoke key on a limit the warm-up never reaches (docs/cli.md: a smoke key on a high tier)
        green = ConsoulInstance.start(Map.of("consoul.version", "1.1.0", "consoul.api-keys", "smoke-key",
                "consoul.rate-limit", "100000/minute"));
    }

    @AfterAll
    static void stopColours() {
        blue.close();
        green.close();
    }

    @BeforeEach
    void project() throws IOException {
        Path root = Cli.repositoryRoot();
        Files.copy(root.resolve("Pulumi.yaml"), work.resolve("Pulumi.yaml"));
        Files.copy(root.resolve("Pulumi." + STACK + ".yaml"), work.resolve("Pulumi." + STACK + ".yaml"));
        pulumi = standIn("ghcr.io/consoul/consoul:1.1.0");
    }

    private StandInPulumi standIn(String greenImage) throws IOException {
        return StandInPulumi.install(work.resolve("bin"), blue.url(), green.url(), "ghcr.io/consoul/consoul:1.0.0", greenImage);
    }

    @Test
    @DisplayName("switch: smoke test passes, then consoul:activeColor is set, then `pulumi up` runs, then url serves green")
    void switchSetsColourThenUpdates() throws Exception {
        Run run = consoul("switch", STACK, "--smoke-api-key", "smoke-key");
        assertEquals(0, run.exitCode, run.err);
        List<String> calls = pulumi.calls();
        int set = indexOf(calls, "config set consoul:activeColor --plaintext --stack " + STACK + " --non-interactive -- green");
        int up = indexOf(calls, "up --yes --skip-preview");
        assertTrue(set >= 0 && up > set, "config set, then up: " + calls);
        assertTrue(indexOf(calls, "stack output --json --stack " + STACK) < set, "outputs read first: " + calls);
        assertEquals("green", pulumi.deployed());
        assertTrue(run.out.contains("✔ smoke test green (ghcr.io/consoul/consoul:1.1.0) at " + blueOrGreen("green")), run.out);
        assertTrue(run.out.contains("✔ /chat: HTTP 200"), run.out);
        assertTrue(run.out.contains("green is live (1.1.0)"), run.out);
        int smoke = run.out.indexOf("✔ smoke test green");
        int warm = run.out.indexOf("✔ warm up green (");
        int move = run.out.indexOf("✔ set consoul:activeColor = green");
        assertTrue(smoke >= 0 && warm > smoke && move > warm, "smoke test, then warm-up at previewUrl, then the move: " + run.out);
        assertTrue(run.out.contains("/chat) at " + blueOrGreen("green")) && run.out.contains(": settled"), run.out);
    }

    @Test
    @DisplayName("--warm-up 0 skips the warm-up and says so")
    void warmUpZeroSkipsIt() throws Exception {
        Run run = consoul("switch", STACK, "--warm-up", "0");
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("✔ no warm-up of green (--warm-up 0)"), run.out);
        assertFalse(run.out.contains("warm up green ("), run.out);
    }

    @Test
    @DisplayName("switch: a failed smoke check refuses, changes no config and runs no update")
    void failedSmokeTestChangesNothing() throws Exception {
        pulumi = standIn("ghcr.io/consoul/consoul:1.2.0"); // green's image says 1.2.0, green serves 1.1.0
        Run run = consoul("switch", STACK);
        assertEquals(1, run.exitCode, run.out);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.contains("refused to switch " + STACK + " to green: version 1.1.0, but the image"), run.err);
        assertTrue(run.err.contains("nothing was changed"), run.err);
        List<String> calls = pulumi.calls();
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("config set") || c.startsWith("up")), calls.toString());
        assertEquals("blue", pulumi.configured());
        assertEquals("blue", pulumi.deployed());
    }

    @Test
    @DisplayName("switch to the colour already live is a no-op that says so")
    void switchToLiveColourIsNoOp() throws Exception {
        Run run = consoul("switch", STACK, "--to", "blue");
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("blue is already live on " + STACK + ": nothing to do."), run.out);
        assertTrue(pulumi.calls().stream().noneMatch(c -> c.startsWith("config set") || c.startsWith("up")));
    }

    @Test
    @DisplayName("rollback switches back to the previously live colour, with the same checks")
    void rollbackSwitchesBack() throws Exception {
        pulumi.deploy("green");
        Run run = consoul("rollback", STACK);
        assertEquals(0, run.exitCode, run.err);
        assertTrue(pulumi.calls().contains("config set consoul:activeColor --plaintext --stack " + STACK
                + " --non-interactive -- blue"), pulumi.calls().toString());
        assertEquals("blue", pulumi.deployed());
        assertTrue(run.out.contains("✔ smoke test blue"), run.out);
        assertTrue(run.out.contains("blue is live (1.0.0)"), run.out);
    }

    @Test
    @DisplayName("a failed update sets consoul:activeColor back, so config still says what is deployed")
    void failedUpdateRestoresConfig() throws Exception {
        pulumi.failUpdates();
        Run run = consoul("switch", STACK);
        assertEquals(1, run.exitCode, run.out);
        assertTrue(run.err.contains("could not pulumi up") && run.err.contains("set back to blue"), run.err);
        assertEquals("blue", pulumi.configured());
        assertEquals("blue", pulumi.deployed());
    }

    @Test
    @DisplayName("status prints both colours, their images and versions, and which is live")
    void statusShowsBothColours() throws Exception {
        Run run = consoul("status", STACK);
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("Stack " + STACK + ": blue is live"), run.out);
        assertTrue(run.out.matches("(?s).*blue\\s+live\\s+ghcr.io/consoul/consoul:1.0.0\\s+1.0.0\\s+" + blue.url() + ".*"), run.out);
        assertTrue(run.out.matches("(?s).*green\\s+idle\\s+ghcr.io/consoul/consoul:1.1.0\\s+1.1.0\\s+" + green.url() + ".*"), run.out);
    }

    @Test
    @DisplayName("pre-scale: the live colour's running count is read from the platform and applied to the idle colour, "
            + "which has that many ready before the traffic moves; the former live colour is held at it")
    void idleColourIsBroughtToTheLiveCapacityBeforeTrafficMoves() throws Exception {
        pulumi.autoscaled("blue", 8);
        pulumi.autoscaled("green", 2);
        Run run = consoul("switch", STACK);
        assertEquals(0, run.exitCode, run.out + run.err);
        List<String> calls = pulumi.calls();
        int read = indexOf(calls, "aws ecs describe-services --cluster arn:aws:ecs:us-east-1:123456789012:cluster/consoul-4f2a --services consoul-blue-81bc --region us-east-1");
        int raise = indexOf(calls, "config set consoul:greenMinReplicas --plaintext --stack " + STACK + " --non-interactive -- 8");
        int move = indexOf(calls, "config set consoul:activeColor");
        assertTrue(read >= 0 && raise > read && move > raise, calls.toString());
        // Two updates: the scale-up with blue still live, then the routing, when green already had 8 ready.
        List<String> updates = pulumi.updates();
        assertEquals(2, updates.size(), updates.toString());
        assertTrue(updates.get(0).endsWith("active=blue blue=8 green=8"), updates.toString());
        assertTrue(updates.get(1).endsWith("active=green blue=8 green=8"), updates.toString());
        assertEquals("8", pulumi.deployed("consoul:blueMinReplicas").orElseThrow(), "blue is held at its capacity");
        assertTrue(run.out.contains("✔ blue (live) runs 8 instance(s)"), run.out);
        assertTrue(run.out.contains("✔ green: 8 of 8 instance(s) ready"), run.out);
        assertTrue(run.out.indexOf("8 of 8 instance(s) ready") < run.out.indexOf("smoke test green"), run.out);
        assertTrue(run.out.contains("blue keeps 8 instance(s) until") && run.out.contains("consoul scale-down " + STACK), run.out);
    }

    @Test
    @DisplayName("pre-scale: an idle colour that cannot reach the capacity in time is refused, its minimum restored, "
            + "the routing untouched, exit 1 with the reason")
    void idleColourShortOfCapacityRefusesAndRestores() throws Exception {
        pulumi.autoscaled("blue", 6);
        pulumi.autoscaled("green", 2);
        pulumi.cap("green", 4);
        Run run = consoul("switch", STACK, "--ready-timeout", "2");
        assertEquals(1, run.exitCode, run.out);
        assertTrue(run.err.contains("refused to switch " + STACK + " to green: only 4 of 6 instance(s) ready after 2 s")
                && run.err.contains("routing unchanged, green's minimum restored"), run.err);
        assertTrue(run.out.contains("✘ green: 4 of 6 instance(s) ready"), run.out);
        assertEquals("blue", pulumi.configured());
        assertEquals("blue", pulumi.deployed());
        assertTrue(pulumi.configured("consoul:greenMinReplicas").isEmpty());
        assertTrue(pulumi.deployed("consoul:greenMinReplicas").isEmpty(), "the restore was applied by an update");
        assertTrue(pulumi.calls().stream().noneMatch(c -> c.startsWith("config set consoul:activeColor")), pulumi.calls().toString());
        List<String> updates = pulumi.updates();
        assertTrue(updates.get(updates.size() - 1).endsWith("active=blue blue=6 green=2"), updates.toString());
    }

    @Test
    @DisplayName("warm-up: a colour that passes the smoke test but fails under the warm-up is refused, its minimum "
            + "restored, the routing untouched")
    void aFailedWarmUpRefusesAndRestores() throws Exception {
        pulumi.autoscaled("blue", 4);
        pulumi.autoscaled("green", 2);
        // Green through its preview: healthy for the smoke test's /health and /ready, then HTTP 500.
        AtomicInteger answered = new AtomicInteger();
        HttpServer preview = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        preview.createContext("/", exchange -> {
            boolean healthy = answered.getAndIncrement() < 2;
            String body = !healthy ? "{\"error\":\"broken\",\"code\":\"E500\"}"
                    : exchange.getRequestURI().getPath().equals("/ready") ? "{\"status\":\"ready\"}"
                    : "{\"status\":\"ok\",\"service\":\"consoul\",\"version\":\"1.1.0\",\"timestamp\":\"t\",\"connections\":0}";
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(healthy ? 200 : 500, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        preview.start();
        try {
            Run run = consoul("switch", STACK, "--preview-url", "http://127.0.0.1:" + preview.getAddress().getPort());
            assertEquals(1, run.exitCode, run.out + run.err);
            assertTrue(run.err.contains("refused to switch " + STACK + " to green: a warm-up request failed: HTTP 500")
                    && run.err.contains("routing unchanged, green's minimum restored"), run.err);
            assertTrue(run.out.contains("✔ smoke test green") && run.out.contains("✘ warm up green (4 instance(s)"), run.out);
        } finally {
            preview.stop(0);
        }
        assertEquals("blue", pulumi.deployed());
        assertTrue(pulumi.deployed("consoul:greenMinReplicas").isEmpty(), "the restore was applied by an update");
        assertTrue(pulumi.calls().stream().noneMatch(c -> c.startsWith("config set consoul:activeColor")), pulumi.calls().toString());
    }

    @Test
    @DisplayName("scale-down: the command waits out the delay, then removes both minimums and updates")
    void formerColourReturnsToItsMinimumAfterTheDelay() throws Exception {
        pulumi.autoscaled("blue", 5);
        pulumi.autoscaled("green", 1);
        Run run = consoul("switch", STACK, "--scale-down-delay", "3s");
        assertEquals(0, run.exitCode, run.out + run.err);
        List<String> updates = pulumi.updates();
        assertEquals(3, updates.size(), updates.toString());
        long moved = Long.parseLong(updates.get(1).split(" ")[0]);
        long scaledDown = Long.parseLong(updates.get(2).split(" ")[0]);
        assertTrue(scaledDown - moved >= 3000, "scaled down " + (scaledDown - moved) + " ms after the switch");
        // blue back to what its autoscaler would run without the hold: the stand-in's minimum of 1
        pulumi.autoscaled("blue", 1);
        assertTrue(pulumi.configured("consoul:blueMinReplicas").isEmpty() && pulumi.configured("consoul:greenMinReplicas").isEmpty());
        assertTrue(pulumi.deployed("consoul:blueMinReplicas").isEmpty() && pulumi.deployed("consoul:greenMinReplicas").isEmpty());
        assertTrue(updates.get(2).contains("active=green"), updates.toString());
        assertTrue(run.out.contains("scale-down delay 3s") && run.out.contains("scale-down done"), run.out);
    }

    @Test
    @DisplayName("consoul:scaleDownDelay from the stack sets the hold; a bad one fails before anything changes")
    void scaleDownDelayFromTheStack() throws Exception {
        pulumi.configure("consoul:scaleDownDelay", "90s");
        Run run = consoul("switch", STACK);
        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(run.out.contains("(scale-down delay 1m30s)"), run.out);

        pulumi.deploy("blue");
        pulumi.configure("consoul:scaleDownDelay", "ten minutes");
        Run bad = consoul("switch", STACK);
        assertEquals(2, bad.exitCode, bad.out + bad.err);
        assertTrue(bad.err.contains("consoul:scaleDownDelay = 'ten minutes' is not a duration: allowed seconds (600) or 90s, 10m, 1h"), bad.err);
        assertTrue(pulumi.calls().stream().noneMatch(c -> c.startsWith("config set") || c.startsWith("up")), pulumi.calls().toString());
    }

    @Test
    @DisplayName("rollback during the delay: the former colour is still at capacity, so there is no scale-up, one update")
    void rollbackDuringTheDelayIsInstant() throws Exception {
        pulumi.autoscaled("blue", 4);
        pulumi.autoscaled("green", 1);
        assertEquals(0, consoul("switch", STACK).exitCode);
        int before = pulumi.calls().size();
        int updatesBefore = pulumi.updates().size();
        pulumi.autoscaled("blue", 1); // no traffic: blue's autoscaler would scale it in, only the hold keeps it at 4

        Run rollback = consoul("rollback", STACK);
        assertEquals(0, rollback.exitCode, rollback.out + rollback.err);
        assertTrue(rollback.out.contains("blue already has 4 ready instance(s), >= 4: no scale-up "
                + "(consoul:blueMinReplicas = 4, held since the last switch)"), rollback.out);
        List<String> calls = pulumi.calls().subList(before, pulumi.calls().size());
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("config set consoul:blueMinReplicas")), calls.toString());
        assertEquals(1, pulumi.updates().size() - updatesBefore, "one update: the routing");
        assertEquals("blue", pulumi.deployed());
        assertEquals("4", pulumi.deployed("consoul:greenMinReplicas").orElseThrow(), "green is held now");
    }

    @Test
    @DisplayName("a switch waiting out its delay leaves the colours alone when a rollback happened meanwhile")
    void waitingSwitchLeavesTheHoldsToALaterRollback() throws Exception {
        pulumi.autoscaled("blue", 3);
        pulumi.autoscaled("green", 1);
        Path out = work.resolve("waiting.out");
        Path err = work.resolve("waiting.err");
        Process waiting = start(out, err, "switch", STACK, "--scale-down-delay", "15s");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(out).contains("waiting (Ctrl-C"));
        Run rollback = consoul("rollback", STACK);
        assertEquals(0, rollback.exitCode, rollback.out + rollback.err);
        Run first = finish(waiting, out, err);
        assertEquals(0, first.exitCode, first.out + first.err);
        assertTrue(first.out.contains("green is no longer live on " + STACK + " (rolled back since)"), first.out);
        assertEquals("blue", pulumi.deployed());
        assertEquals("3", pulumi.deployed("consoul:greenMinReplicas").orElseThrow(), "the rollback's hold is kept");
    }

    @Test
    @DisplayName("gcp/azure: a switch never sets a minimum the spec would refuse — every config the updates applied "
            + "passes the real spec validator; the idle colour on the newer image is still pre-scaled")
    void revisionCloudSwitchNeverSetsAMinimumTheSpecRefuses() throws Exception {
        pulumi = azureStack();
        pulumi.autoscaled("blue", 6);
        pulumi.autoscaled("green", 1);
        Run run = consoul("switch", AZURE);
        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(pulumi.calls().stream().anyMatch(c -> c.startsWith("config set consoul:greenMinReplicas")
                && c.endsWith("-- 6")), "green (newer image) is pre-scaled: " + pulumi.calls());
        assertTrue(pulumi.updates().get(0).endsWith("active=blue blue=6 green=6"), pulumi.updates().toString());
        List<Map<String, String>> applied = pulumi.appliedConfigs();
        assertEquals(2, applied.size(), applied.toString());
        applied.forEach(this::assertTheSpecAccepts);
        // The check can fail: the hold the switch used to send is one the spec refuses on this stack.
        Map<String, String> withHold = new LinkedHashMap<>(applied.get(1));
        withHold.put("consoul:blueMinReplicas", "6");
        InvalidConfigException refused = assertThrows(InvalidConfigException.class, () -> assertTheSpecAccepts(withHold));
        assertTrue(refused.getMessage().contains("consoul:blueMinReplicas = 6 is not allowed on azure"), refused.getMessage());
    }

    @Test
    @DisplayName("gcp/azure: the hold of a former colour on the older image is skipped, with a step line that says why "
            + "and what it means; the follow-up names only the override that was set")
    void revisionCloudSkipsAndReportsTheHoldOfTheOlderImage() throws Exception {
        pulumi = azureStack();
        pulumi.autoscaled("blue", 6);
        pulumi.autoscaled("green", 1);
        Run run = consoul("switch", AZURE);
        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(pulumi.calls().stream().noneMatch(c -> c.startsWith("config set consoul:blueMinReplicas")), pulumi.calls().toString());
        assertTrue(pulumi.configured("consoul:blueMinReplicas").isEmpty());
        assertTrue(run.out.contains("✔ no hold of blue: on azure a colour's minimum is part of its revision, and an update "
                + "creates a revision only for the colour with the newer image; blue runs the older image (" + OLDER + ")"), run.out);
        assertTrue(run.out.contains("so a rollback during the delay is not pre-scaled"), run.out);
        assertFalse(run.out.contains("blue keeps"), run.out);
        assertTrue(run.out.contains("green keeps consoul:greenMinReplicas = 6 until"), run.out);
    }

    @Test
    @DisplayName("scale-down removes only the overrides the switch set (green's), and what it applies passes the spec")
    void scaleDownRemovesOnlyTheOverridesThatWereSet() throws Exception {
        pulumi = azureStack();
        pulumi.autoscaled("blue", 3);
        pulumi.autoscaled("green", 1);
        Run run = consoul("switch", AZURE, "--scale-down-delay", "1s");
        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(run.out.contains("remove consoul:greenMinReplicas") && run.out.contains("scale-down done"), run.out);
        assertTrue(pulumi.calls().stream().noneMatch(c -> c.startsWith("config rm consoul:blueMinReplicas")), pulumi.calls().toString());
        assertTrue(pulumi.deployed("consoul:greenMinReplicas").isEmpty());
        assertEquals(3, pulumi.appliedConfigs().size());
        pulumi.appliedConfigs().forEach(this::assertTheSpecAccepts);
    }

    @Test
    @DisplayName("gcp/azure: a rollback to the older image under the live capacity is refused before anything changes "
            + "without --allow-under-capacity, and moves with it (no override sent, the spec accepts every update)")
    void olderImageRollbackUnderCapacityIsRefusedWithoutTheOptionAndMovesWithIt() throws Exception {
        pulumi = azureStack();
        pulumi.autoscaled("blue", 6);
        pulumi.autoscaled("green", 1);
        assertEquals(0, consoul("switch", AZURE).exitCode);
        pulumi.autoscaled("blue", 1); // not held: blue's revision scales in to what its autoscaler keeps
        int calls = pulumi.calls().size();

        Run refused = consoul("rollback", AZURE);
        assertEquals(1, refused.exitCode, refused.out + refused.err);
        assertTrue(refused.err.contains("refused to switch " + AZURE + " to blue: it has 1 ready instance(s), the live "
                + "colour runs 6, and consoul:blueMinReplicas cannot be raised: on azure") && refused.err.contains(
                "nothing was changed. To move the traffic anyway") && refused.err.contains("--allow-under-capacity"), refused.err);
        assertTrue(refused.out.contains("✘ blue has 1 of 6 ready instance(s) and cannot be pre-scaled"), refused.out);
        List<String> during = pulumi.calls().subList(calls, pulumi.calls().size());
        assertTrue(during.stream().noneMatch(c -> c.startsWith("config set") || c.startsWith("config rm") || c.startsWith("up")),
                during.toString());
        assertEquals("green", pulumi.deployed());

        Run emergency = consoul("rollback", AZURE, "--allow-under-capacity");
        assertEquals(0, emergency.exitCode, emergency.out + emergency.err);
        assertTrue(emergency.out.contains("✔ blue has 1 of 6 ready instance(s) and cannot be pre-scaled: moving anyway "
                + "(--allow-under-capacity)"), emergency.out);
        assertEquals("blue", pulumi.deployed());
        assertTrue(pulumi.calls().stream().noneMatch(c -> c.startsWith("config set consoul:blueMinReplicas")), pulumi.calls().toString());
        assertEquals("6", pulumi.deployed("consoul:greenMinReplicas").orElseThrow(), "green (newer image) may be held");
        pulumi.appliedConfigs().forEach(this::assertTheSpecAccepts);
    }

    @Test
    @DisplayName("gcp/azure: an override left on the colour that is now the older image (a release since) is refused "
            + "before anything changes, naming the key and how to clear it")
    void staleOverrideOnTheOlderImageIsRefusedBeforeAnythingChanges() throws Exception {
        pulumi = azureStack();
        pulumi.configure("consoul:greenMinReplicas", "4"); // held when green was the release …
        pulumi.configure("consoul:blueImage", "ghcr.io/consoul/consoul:1.2.0"); // … then blue got a newer one
        Run run = consoul("switch", AZURE, "--to", "green");
        assertEquals(1, run.exitCode, run.out + run.err);
        assertTrue(run.err.contains("refused to switch " + AZURE + ": consoul:greenMinReplicas = 4 is set, but on azure")
                && run.err.contains("nothing was changed. Run consoul scale-down " + AZURE), run.err);
        assertTrue(pulumi.calls().stream().noneMatch(c -> c.startsWith("config set") || c.startsWith("up")), pulumi.calls().toString());
        Map<String, String> config = new LinkedHashMap<>(Map.of("consoul:activeColor", "blue", "consoul:greenMinReplicas", "4",
                "consoul:blueImage", "ghcr.io/consoul/consoul:1.2.0", "consoul:greenImage", NEWER));
        assertThrows(InvalidConfigException.class, () -> assertTheSpecAccepts(config), "the spec refuses it too");
    }

    @Test
    @DisplayName("the rule per cloud, from the spec: aws and k8s may hold either colour; gcp and azure only the colour "
            + "with the newer image (blue when both run the same)")
    void awsAndK8sMayOverrideEitherColourGcpAndAzureOnlyTheNewerImage() {
        for (Cloud cloud : List.of(Cloud.AWS, Cloud.K8S)) {
            ColourMinimums minimums = new ColourMinimums(Optional.of(cloud), OLDER, NEWER);
            assertTrue(minimums.overridable("blue") && minimums.overridable("green"), cloud.key());
        }
        for (Cloud cloud : List.of(Cloud.GCP, Cloud.AZURE)) {
            ColourMinimums minimums = new ColourMinimums(Optional.of(cloud), OLDER, NEWER);
            assertFalse(minimums.overridable("blue"), cloud.key());
            assertTrue(minimums.overridable("green"), cloud.key());
            ColourMinimums same = new ColourMinimums(Optional.of(cloud), NEWER, NEWER);
            assertTrue(same.overridable("blue") && !same.overridable("green"), cloud.key());
        }
        ColourMinimums local = new ColourMinimums(Optional.empty(), OLDER, NEWER);
        assertTrue(local.overridable("blue") && local.overridable("green"), "local: a colour is a set of processes");
    }

    /** The Azure stack file, blue on the older image and live, green on the newer one, both images in the stack config. */
    private StandInPulumi azureStack() throws IOException {
        Files.copy(Cli.repositoryRoot().resolve("Pulumi." + AZURE + ".yaml"), work.resolve("Pulumi." + AZURE + ".yaml"));
        StandInPulumi standIn = StandInPulumi.install(work.resolve("bin"), blue.url(), green.url(), OLDER, NEWER, "azure");
        standIn.configure("consoul:blueImage", OLDER);
        standIn.configure("consoul:greenImage", NEWER);
        return standIn;
    }

    /** What the real program does first with the config an update applied: read and validate it as the spec. */
    private void assertTheSpecAccepts(Map<String, String> applied) {
        StackFile file = StackFile.load(work.resolve("Pulumi." + AZURE + ".yaml"));
        Map<String, String> config = new LinkedHashMap<>(file.config());
        config.putAll(applied);
        DeploymentSpec.fromConfig(new StackFile(file.stackName(), config, file.secureKeys())
                .withSecrets(Map.of("consoul:apiKeys", "stand-in-api-key"))); // the stack file says: set it as a secret
    }

    private static String blueOrGreen(String colour) {
        return colour.equals("blue") ? blue.url() : green.url();
    }

    private static int indexOf(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private record Run(int exitCode, String out, String err) {
    }

    /**
     * The CLI in its own JVM: the Automation API starts "pulumi" through the JVM's own PATH, which a test cannot
     * change in-process.
     */
    private Run consoul(String... args) throws Exception {
        Process process = start(work.resolve("out.txt"), work.resolve("err.txt"), args);
        return finish(process, work.resolve("out.txt"), work.resolve("err.txt"));
    }

    private Run finish(Process process, Path out, Path err) throws Exception {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("consoul did not finish: " + Files.readString(out) + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Process start(Path out, Path err, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.consoul.cli.ConsoulCli"));
        command.addAll(List.of(args));
        command.addAll(List.of("--project-dir", work.toString()));
        if (args[0].equals("switch") || args[0].equals("rollback")) {
            command.addAll(List.of("--verify-timeout", "10", "--poll-interval", "1"));
            if (!List.of(args).contains("--warm-up")) {
                command.addAll(List.of("--warm-up", "5")); // the bake itself is WarmUpTest's; here only where it sits
            }
            if (!List.of(args).contains("--scale-down-delay")) {
                command.add("--no-wait");
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("PATH", pulumi.directory() + File.pathSeparator + System.getenv("PATH"));
        return builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }
}
