package io.consoul.infra.spec;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as stack config writes them: whole seconds ({@code 600}) or units ({@code 90s}, {@code 10m}, {@code 1h30m}). */
final class Durations {
    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    static final String ALLOWED = "whole seconds (600) or hours, minutes and seconds (10m, 90s, 1h30m)";

    private Durations() {
    }

    /** The duration in seconds, or empty when the text is not one. */
    static OptionalLong seconds(String text) {
        String t = text.trim();
        if (t.matches("\\d{1,9}")) {
            return OptionalLong.of(Long.parseLong(t));
        }
        Matcher m = UNITS.matcher(t);
        if (t.isEmpty() || !m.matches() || t.length() > 20) {
            return OptionalLong.empty();
        }
        long seconds = 0;
        long[] unit = {3600, 60, 1};
        for (int i = 0; i < 3; i++) {
            if (m.group(i + 1) != null) {
                seconds += Long.parseLong(m.group(i + 1)) * unit[i];
            }
        }
        return OptionalLong.of(seconds);
    }
}
