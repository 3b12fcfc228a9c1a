package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;
import io.consoul.infra.spec.StackOutputs;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The switch of docs/deployment-spec.md, the same on every cloud: read the outputs, smoke-test the idle colour through
 * {@code previewUrl}, and only if every check passes set {@code consoul:activeColor} and run the update, then check
 * that {@code url} serves the new colour's version. A failed check changes nothing.
 */
final class BlueGreenSwitch {
    private final StackGateway stack;
    private final String stackName;
    private final StepReport report;
    private final Duration verifyTimeout;
    private final Duration verifyInterval;

    BlueGreenSwitch(StackGateway stack, String stackName, StepReport report, Duration verifyTimeout,
                    Duration verifyInterval) {
        this.stack = stack;
        this.stackName = stackName;
        this.report = report;
        this.verifyTimeout = verifyTimeout;
        this.verifyInterval = verifyInterval;
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
        String url = required(outputs, StackOutputs.URL);

        long start = System.nanoTime();
        SmokeGate.Result smoke = SmokeGate.check(previewUrl, image, apiKey);
        report.step(smoke.passed(), "smoke test " + colour + " (" + image + ") at " + previewUrl, millisSince(start));
        smoke.checks().forEach(c -> report.detail(c.passed(), c.name() + ": " + c.detail(), c.millis()));
        if (!smoke.passed()) {
            throw new CliFailure("refused to switch " + stackName + " to " + colour + ": " + smoke.failures()
                    + "; nothing was changed");
        }

        timed("set consoul:activeColor = " + colour, () -> {
            stack.setActiveColor(colour);
            return null;
        });
        try {
            timed("pulumi up (the routing moves to " + colour + ")", () -> {
                stack.up();
                return null;
            });
        } catch (CliFailure e) {
            // Keep the config saying what is deployed, so the next `pulumi up` does not switch by surprise.
            stack.setActiveColor(active);
            throw new CliFailure(e.getMessage() + "; consoul:activeColor set back to " + active);
        }

        // Read the outputs again: the update reports where production now is and which colour it says is live.
        Map<String, String> after = timed("read the outputs after the update", stack::outputs);
        if (!colour.equals(after.get(StackOutputs.ACTIVE_COLOR))) {
            throw new CliFailure(stackName + ": after the update activeColor is " + after.get(StackOutputs.ACTIVE_COLOR)
                    + ", expected " + colour);
        }
        url = required(after, StackOutputs.URL);
        String version = smoke.version().orElseThrow();
        start = System.nanoTime();
        String served = waitForVersion(url, version);
        boolean verified = ImageTag.sameVersion(version, served);
        report.step(verified, "verify " + url + " serves " + version + " (got " + served + ")", millisSince(start));
        if (!verified) {
            throw new CliFailure(stackName + ": " + url + " still serves " + served + " after "
                    + verifyTimeout.toSeconds() + " s, expected " + version + "; check it, or run consoul rollback " + stackName);
        }
        report.line(String.format("%s: %s is live (%s), %s is idle and stays warm for rollback; total %s",
                stackName, colour, version, active, StepReport.seconds(report.totalMillis())));
    }

    /** The version {@code url} reports once it reports {@code expected}, or the last thing it said at the timeout. */
    private String waitForVersion(String url, String expected) {
        ConsoulApi api = new ConsoulApi(url);
        long deadline = System.nanoTime() + verifyTimeout.toNanos();
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
            sleep(verifyInterval);
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
