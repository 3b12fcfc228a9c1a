package io.consoul.cli.switching;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks the idle colour must pass, through its preview URL, before it may take traffic: {@code /health} 200
 * and "ok", {@code /ready} 200, the version it reports matching its image's tag, and with an API key one
 * {@code /chat} that answers. Every check runs, so a failed gate says everything that is wrong at once.
 */
final class SmokeGate {
    /** One check: what was checked, whether it passed, what was seen, how long it took. */
    record Check(String name, boolean passed, String detail, long millis) {
    }

    /** All checks and the version the colour reported (empty when /health did not answer). */
    record Result(List<Check> checks, Optional<String> version) {
        boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }

        String failures() {
            return String.join("; ", checks.stream().filter(c -> !c.passed()).map(c -> c.name() + " " + c.detail()).toList());
        }
    }

    private SmokeGate() {
    }

    static Result check(String baseUrl, String image, String apiKey) {
        return check(new PreviewReach.Endpoint(baseUrl, java.util.Map.of()), image, apiKey);
    }

    static Result check(PreviewReach.Endpoint preview, String image, String apiKey) {
        ConsoulApi api = new ConsoulApi(preview.url(), preview.headers());
        List<Check> checks = new ArrayList<>();
        String version = null;

        long start = System.nanoTime();
        try {
            ConsoulApi.Reply health = api.health();
            version = health.version();
            boolean ok = health.status() == 200 && "ok".equals(health.state());
            checks.add(new Check("/health", ok, "HTTP " + health.status() + ", status " + health.state(), since(start)));
        } catch (IOException e) {
            checks.add(new Check("/health", false, "no answer: " + reason(e), since(start)));
        }

        start = System.nanoTime();
        try {
            ConsoulApi.Reply ready = api.ready();
            checks.add(new Check("/ready", ready.status() == 200, "HTTP " + ready.status()
                    + (ready.detail() != null ? " (" + ready.detail() + ")" : ""), since(start)));
        } catch (IOException e) {
            checks.add(new Check("/ready", false, "no answer: " + reason(e), since(start)));
        }

        Optional<String> expected = ImageTag.version(image);
        if (version == null) {
            checks.add(new Check("version", false, "not reported", 0));
        } else if (expected.isPresent() && !ImageTag.sameVersion(expected.get(), version)) {
            checks.add(new Check("version", false, version + ", but the image " + image + " is " + expected.get(), 0));
        } else {
            checks.add(new Check("version", true, version + expected.map(v -> " (image tag " + v + ")")
                    .orElse(" (image has no version tag to compare)"), 0));
        }

        if (apiKey != null) {
            start = System.nanoTime();
            try {
                ConsoulApi.Reply chat = api.chat(apiKey, "Smoke test from consoul switch: reply with one word.");
                boolean ok = chat.status() == 200 && "answered".equals(chat.state());
                checks.add(new Check("/chat", ok, "HTTP " + chat.status()
                        + (chat.state() != null ? ", " + chat.state() : "") + (chat.detail() != null ? ", " + chat.detail() : ""),
                        since(start)));
            } catch (IOException e) {
                checks.add(new Check("/chat", false, "no answer: " + reason(e), since(start)));
            }
        }
        return new Result(List.copyOf(checks), Optional.ofNullable(version));
    }

    private static long since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static String reason(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
