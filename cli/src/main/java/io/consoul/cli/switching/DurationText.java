package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code 600} (seconds), {@code 90s}, {@code 10m}, {@code 1h}: the forms {@code consoul:scaleDownDelay} takes. */
final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(s|m|h)?");

    private DurationText() {
    }

    static Duration parse(String what, String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new CliFailure(what + " = '" + text + "' is not a duration: allowed seconds (600) or 90s, 10m, 1h", 2);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** {@code 10m}, {@code 1m30s}, {@code 45s}. */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (s >= 60 && s % 60 == 0) {
            return (s / 60) + "m";
        }
        return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }
}
