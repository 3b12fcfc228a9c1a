package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;
import io.consoul.infra.spec.StackOutputs;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pre-scaled switch of docs/deployment-spec.md, the same on every cloud and locally:
 * <ol>
 * <li>read the outputs and how many instances the live colour runs now (from the platform, not the config);</li>
 * <li>bring the idle colour to at least that many ({@code consoul:<idle>MinReplicas}, {@code pulumi up}) and wait
 *     until they are ready — or refuse, restore its minimum and leave the routing as it was;</li>
 * <li>smoke-test it through {@code previewUrl}, then warm it up there ({@link WarmUp}: the bake) until its instances
 *     answer fast;</li>
 * <li>move the traffic ({@code consoul:activeColor}) and hold the former live colour at its capacity
 *     ({@code consoul:<former>MinReplicas}) in the same update, then check that {@code url} serves the new version;</li>
 * <li>after the scale-down delay, remove both overrides ({@link #scaleDown}): the former colour returns to its minimum,
 *     the new one to its autoscaler. A rollback during the delay finds the former colour still at capacity.</li>
 * </ol>
 * A failed check before the traffic moves leaves the routing as it was.
 * <p>Where colours are revisions of one service (Cloud Run, Container Apps), an update can set a minimum only for the
 * colour with the newer image ({@link ColourMinimums}, the spec's rule): the hold of a former colour on the older image
 * is skipped (its revision keeps the minimum it was created with), and a target on the older image is not pre-scaled —
 * below the live capacity the switch refuses unless {@code --allow-under-capacity}.
 */
final class BlueGreenSwitch {
    private final StackGateway stack;
    private final String stackName;
    private final StepReport report;
    private final SwitchSettings settings;
    private final PreviewReach reach;

    BlueGreenSwitch(StackGateway stack, String stackName, StepReport report, SwitchSettings settings, PreviewReach reach) {
        this.stack = stack;
        this.stackName = stackName;
        this.report = report;
        this.settings = settings;
        this.reach = reach;
    }

    /** Makes {@code target} (or, when empty, the idle colour) live. */
    void switchTo(Optional<String> target, String apiKey) {
        Map<String, String> outputs = timed("read the outputs of " + stackName, stack::outputs);
        String active = required(outputs, StackOutputs.ACTIVE_COLOR);
        String idle = required(outputs, StackOutputs.IDLE_COLOR);
        String colour = target.orElse(idle);
        if (colour.equals(active)) {
            report.line(colour + " is already live on " + stackName + ": nothing to do.");
            return;
        }
        String image = outputs.get(colour + "Image");
        String previewUrl = required(outputs, StackOutputs.PREVIEW_URL);
        required(outputs, StackOutputs.URL);
        // Before anything changes: can this machine call the preview at all? (token, port-forward, or what to do)
        PreviewReach.Endpoint preview = reach.way() == PreviewReach.Way.DIRECT ? reach.preview(previewUrl)
                : timed("reach " + previewUrl + " (" + reach.way().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")",
                        () -> reach.preview(previewUrl));

        Duration delay = scaleDownDelay(); // a bad consoul:scaleDownDelay fails here, before anything changes
        ColourMinimums minimums = ColourMinimums.read(stack, outputs); // which minimums the next update accepts
        refuseStaleOverrides(minimums);
        PlatformCapacity capacity = timed("read the stack's resources", stack::capacity);
        long start = System.nanoTime();
        int live = capacity.running(active);
        report.step(true, active + " (live) runs " + live + " instance(s) [" + capacity.source() + "]", millisSince(start));

        String idleKey = ConfigKeys.minReplicas(colour);
        Optional<String> idleMinBefore = stack.config(idleKey);
        boolean raised = preScale(capacity, colour, live, idleKey, idleMinBefore, minimums);

        start = System.nanoTime();
        SmokeGate.Result smoke = SmokeGate.check(preview, image, apiKey);
        report.step(smoke.passed(), "smoke test " + colour + " (" + image + ") at " + preview.url(), millisSince(start));
        smoke.checks().forEach(c -> report.detail(c.passed(), c.name() + ": " + c.detail(), c.millis()));
        if (!smoke.passed()) {
            String undone = raised ? restoreMinimum(colour, idleKey, idleMinBefore) : "nothing was changed";
            throw new CliFailure("refused to switch " + stackName + " to " + colour + ": " + smoke.failures() + "; " + undone);
        }

        warmUp(preview, colour, Math.max(1, live), apiKey, raised, idleKey, idleMinBefore);

        boolean hold = live > 0 && minimums.overridable(active);
        if (live > 0 && !hold) {
            report.step(true, "no hold of " + active + ": " + minimums.why(active) + ". Its revision keeps the minimum it "
                    + "was created with, so a rollback during the delay is not pre-scaled", 0);
        }
        moveTraffic(colour, active, live, hold);

        // Read the outputs again: the update reports where production now is and which colour it says is live.
        Map<String, String> after = timed("read the outputs after the update", stack::outputs);
        if (!colour.equals(after.get(StackOutputs.ACTIVE_COLOR))) {
            throw new CliFailure(stackName + ": after the update activeColor is " + after.get(StackOutputs.ACTIVE_COLOR)
                    + ", expected " + colour);
        }
        String url = required(after, StackOutputs.URL);
        String version = smoke.version().orElseThrow();
        PreviewReach.Endpoint production = reach.production(url);
        url = production.url();
        start = System.nanoTime();
        String served = waitForVersion(production, version);
        boolean verified = ImageTag.sameVersion(version, served);
        report.step(verified, "verify " + url + " serves " + version + " (got " + served + ")", millisSince(start));
        if (!verified) {
            throw new CliFailure(stackName + ": " + url + " still serves " + served + " after "
                    + settings.verifyTimeout().toSeconds() + " s, expected " + version + "; check it, or run consoul rollback " + stackName);
        }
        report.line(String.format("%s: %s is live (%s), %s is idle; total %s",
                stackName, colour, version, active, StepReport.seconds(report.totalMillis())));
        if (hold) {
            hold(colour, active + " keeps " + live + " instance(s)", ", so `consoul rollback " + stackName + "` is instant", delay);
        } else if (raised || idleMinBefore.isPresent()) {
            // Nothing held, but the new live colour's own minimum stays until the scale-down removes it.
            hold(colour, colour + " keeps " + idleKey + " = " + stack.config(idleKey).orElse("?"), "", delay);
        }
    }

    /**
     * An override left from an earlier switch on a colour that no longer runs the newer image (a release since) would make
     * every update of this switch fail the spec's validation: refuse before anything changes, saying how to clear it.
     */
    private void refuseStaleOverrides(ColourMinimums minimums) {
        for (String colour : List.of("blue", "green")) {
            String key = ConfigKeys.minReplicas(colour);
            Optional<String> set = minimums.overridable(colour) ? Optional.empty() : stack.config(key);
            if (set.isPresent()) {
                throw new CliFailure("refused to switch " + stackName + ": " + key + " = " + set.get() + " is set, but "
                        + minimums.why(colour) + ", so the spec refuses the next pulumi up; nothing was changed. Run "
                        + "consoul scale-down " + stackName + " (or pulumi config rm " + key + ") first");
            }
        }
    }

    /** {@code --scale-down-delay}, else {@code consoul:scaleDownDelay}, else 10 minutes. */
    private Duration scaleDownDelay() {
        return settings.scaleDownDelay().orElseGet(() -> stack.config(ConfigKeys.SCALE_DOWN_DELAY)
                .map(text -> DurationText.parse(ConfigKeys.SCALE_DOWN_DELAY, text))
                .orElse(SwitchSettings.DEFAULT_SCALE_DOWN_DELAY));
    }

    /**
     * Brings {@code colour} to {@code live} ready instances unless it has them already (held since the last switch).
     * Returns whether its minimum was raised; on a timeout restores it and refuses.
     */
    private boolean preScale(PlatformCapacity capacity, String colour, int live, String idleKey, Optional<String> before,
                             ColourMinimums minimums) {
        long start = System.nanoTime();
        int ready = capacity.ready(colour);
        if (ready >= live) {
            report.step(true, colour + " already has " + ready + " ready instance(s), >= " + live + ": no scale-up"
                    + before.map(n -> " (" + idleKey + " = " + n + ", held since the last switch)").orElse(""), millisSince(start));
            return false;
        }
        if (!minimums.overridable(colour)) {
            // Sending the override would only make the update fail the spec's validation; the colour stays as it is.
            String shortBy = colour + " has " + ready + " of " + live + " ready instance(s) and cannot be pre-scaled";
            if (!settings.allowUnderCapacity()) {
                report.step(false, shortBy, millisSince(start));
                throw new CliFailure("refused to switch " + stackName + " to " + colour + ": it has " + ready
                        + " ready instance(s), the live colour runs " + live + ", and " + idleKey + " cannot be raised: "
                        + minimums.why(colour) + "; nothing was changed. To move the traffic anyway (" + colour
                        + "'s autoscaler then scales it under the load), add --allow-under-capacity");
            }
            report.step(true, shortBy + ": moving anyway (--allow-under-capacity)", millisSince(start));
            return false;
        }
        timed("set " + idleKey + " = " + live + " (" + colour + " has " + ready + " ready)", () -> {
            stack.setConfig(idleKey, Integer.toString(live));
            return null;
        });
        try {
            timed(stack.update() + " (" + colour + " scales to at least " + live + ")", () -> {
                stack.up();
                return null;
            });
        } catch (CliFailure e) {
            restoreConfig(idleKey, before);
            throw new CliFailure(e.getMessage() + "; " + idleKey + " restored, routing unchanged");
        }
        start = System.nanoTime();
        int reached = waitReady(capacity, colour, live);
        boolean ok = reached >= live;
        report.step(ok, colour + ": " + reached + " of " + live + " instance(s) ready", millisSince(start));
        if (!ok) {
            String undone = restoreMinimum(colour, idleKey, before);
            throw new CliFailure("refused to switch " + stackName + " to " + colour + ": only " + reached + " of " + live
                    + " instance(s) ready after " + settings.readyTimeout().toSeconds() + " s (--ready-timeout); " + undone);
        }
        return true;
    }

    /**
     * The bake ({@link WarmUp}): warm-up traffic through the preview URL until each of the colour's ready instances
     * answers fast, so production never meets a cold JVM. A failed request refuses the switch like the smoke gate.
     */
    private void warmUp(PreviewReach.Endpoint preview, String colour, int instances, String apiKey, boolean raised,
                        String idleKey, Optional<String> idleMinBefore) {
        if (settings.warmUpRequests() == 0) {
            report.step(true, "no warm-up of " + colour + " (--warm-up 0)", 0);
            return;
        }
        long start = System.nanoTime();
        WarmUp.Result warm = new WarmUp(preview, apiKey, settings.warmUpRequests(), settings.warmUpTimeout()).run(instances);
        String what = apiKey != null ? "/chat" : "/health, /ready";
        report.step(!warm.failed(), "warm up " + colour + " (" + instances + " instance(s), " + what + ") at " + preview.url(),
                millisSince(start));
        report.detail(!warm.failed(), warm.summary(instances, WarmUp.workers(instances))
                + (warm.failed() ? " (" + warm.failure() + ")" : ""), 0);
        if (warm.failed()) {
            String undone = raised ? restoreMinimum(colour, idleKey, idleMinBefore) : "nothing was changed";
            throw new CliFailure("refused to switch " + stackName + " to " + colour + ": a warm-up request failed: "
                    + warm.failure() + "; " + undone);
        }
    }

    /** activeColor and (when {@code hold}) the hold of the former live colour in one update; a failure puts the config back. */
    private void moveTraffic(String colour, String active, int live, boolean hold) {
        String holdKey = ConfigKeys.minReplicas(active);
        Optional<String> holdBefore = stack.config(holdKey);
        timed("set consoul:activeColor = " + colour + (hold ? ", " + holdKey + " = " + live + " (hold " + active + ")" : ""), () -> {
            stack.setConfig(ConfigKeys.ACTIVE_COLOR, colour);
            if (hold) {
                stack.setConfig(holdKey, Integer.toString(live));
            }
            return null;
        });
        try {
            timed(stack.update() + " (the routing moves to " + colour + ")", () -> {
                stack.up();
                return null;
            });
        } catch (CliFailure e) {
            // Keep the config saying what is deployed, so the next `pulumi up` does not switch by surprise.
            stack.setConfig(ConfigKeys.ACTIVE_COLOR, active);
            if (hold) {
                restoreConfig(holdKey, holdBefore);
            }
            throw new CliFailure(e.getMessage() + "; consoul:activeColor set back to " + active);
        }
    }

    /** Keeps the overrides for the delay, then scales down — or says how to, later. */
    private void hold(String colour, String what, String why, Duration delay) {
        Instant until = Instant.now().plus(delay).truncatedTo(ChronoUnit.SECONDS);
        String held = what + " until " + until + " (scale-down delay " + DurationText.format(delay) + ")" + why;
        if (!settings.waitForScaleDown()) {
            report.line(held + ". Then run: consoul scale-down " + stackName);
            return;
        }
        report.line(held + "; waiting (Ctrl-C leaves it held: finish with consoul scale-down " + stackName + ")");
        sleep(delay);
        scaleDown(colour);
    }

    /**
     * The end of the delay: removes the per-colour minimums, so the idle colour returns to minReplicas and the live one
     * to its autoscaler — unless {@code expectedLive} is no longer live (a rollback since then holds the colours now).
     */
    void scaleDown(String expectedLive) {
        Map<String, String> outputs = timed("read the outputs of " + stackName, stack::outputs);
        String active = required(outputs, StackOutputs.ACTIVE_COLOR);
        if (!active.equals(expectedLive)) {
            report.line(expectedLive + " is no longer live on " + stackName + " (rolled back since): the rollback holds "
                    + "the colours now; nothing scaled down");
            return;
        }
        List<String> held = new ArrayList<>();
        for (String colour : List.of("blue", "green")) {
            if (stack.config(ConfigKeys.minReplicas(colour)).isPresent()) {
                held.add(ConfigKeys.minReplicas(colour));
            }
        }
        if (held.isEmpty()) {
            report.line("nothing is held on " + stackName + ": both colours are at their configured minimum");
            return;
        }
        timed("remove " + String.join(", ", held), () -> {
            held.forEach(stack::removeConfig);
            return null;
        });
        timed(stack.update() + " (" + String.join(", ", held) + " back to consoul:minReplicas)", () -> {
            stack.up();
            return null;
        });
        report.line(stackName + ": scale-down done; " + active + " is live and scales on its own");
    }

    /** Puts the idle colour's minimum back as it was and applies it; says so for the refusal message. */
    private String restoreMinimum(String colour, String key, Optional<String> before) {
        restoreConfig(key, before);
        try {
            timed(stack.update() + " (" + colour + " back to its minimum)", () -> {
                stack.up();
                return null;
            });
        } catch (CliFailure e) {
            return "routing unchanged; " + key + " restored in the config but not applied (" + e.getMessage()
                    + "): run pulumi up";
        }
        return "routing unchanged, " + colour + "'s minimum restored";
    }

    private void restoreConfig(String key, Optional<String> before) {
        if (before.isPresent()) {
            stack.setConfig(key, before.get());
        } else {
            stack.removeConfig(key);
        }
    }

    private int waitReady(PlatformCapacity capacity, String colour, int wanted) {
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        while (true) {
            int ready = capacity.ready(colour);
            if (ready >= wanted || System.nanoTime() > deadline) {
                return ready;
            }
            sleep(settings.pollInterval());
        }
    }

    /** The version {@code url} reports once it reports {@code expected}, or the last thing it said at the timeout. */
    private String waitForVersion(PreviewReach.Endpoint production, String expected) {
        ConsoulApi api = new ConsoulApi(production.url(), production.headers());
        long deadline = System.nanoTime() + settings.verifyTimeout().toNanos();
        String last;
        while (true) {
            try {
                ConsoulApi.Reply health = api.health();
                last = health.status() == 200 ? String.valueOf(health.version()) : "HTTP " + health.status();
            } catch (IOException e) {
                last = "no answer (" + SmokeGate.reason(e) + ")";
            }
            if (ImageTag.sameVersion(expected, last) || System.nanoTime() > deadline) {
                return last;
            }
            sleep(settings.pollInterval());
        }
    }

    private <T> T timed(String what, Supplier<T> step) {
        long start = System.nanoTime();
        try {
            T result = step.get();
            report.step(true, what, millisSince(start));
            return result;
        } catch (RuntimeException e) {
            report.step(false, what, millisSince(start));
            throw e;
        }
    }

    private String required(Map<String, String> outputs, String name) {
        String value = outputs.get(name);
        if (value == null || value.isBlank()) {
            throw new CliFailure(stackName + " has no output " + name + ": is it a Consoul stack, deployed?");
        }
        return value;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }
}
