package io.consoul.ratelimit;

import io.consoul.config.SettingList;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit such as {@code 30/minute}, {@code 10 per minute} or {@code 100/10 seconds} (the notations the reference's
 * {@code limits} library reads): at most {@code requests} in any rolling {@code window}.
 */
public record RateLimit(int requests, Duration window) {
    private static final Pattern FORMAT = Pattern.compile(
            "\\s*(\\d+)\\s*(?:/|per)\\s*(\\d+)?\\s*(second|minute|hour|day|month|year)s?\\s*");

    public RateLimit {
        if (requests < 1) throw new IllegalArgumentException("a rate limit allows at least one request");
    }

    public static RateLimit parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("rate limit '" + text
                    + "' is not of the form N/second|minute|hour|day (e.g. 30/minute, 10 per minute, 100/10 seconds)");
        }
        long count = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            case "day" -> Duration.ofDays(1);
            case "month" -> Duration.ofDays(30);
            default -> Duration.ofDays(365);
        };
        return new RateLimit(Integer.parseInt(m.group(1)), unit.multipliedBy(count));
    }

    /**
     * Several limits, all enforced: {@code 10/minute;100/hour} (the reference's {@code CONSOUL_DEFAULT_LIMITS}),
     * a comma list or a JSON array of limits.
     */
    public static List<RateLimit> parseAll(String setting, String text) {
        List<String> parts = text.trim().startsWith("[") ? SettingList.parse(setting, text)
                : Arrays.stream(text.split("[;,]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (parts.isEmpty()) throw new IllegalArgumentException(setting + " is empty");
        try {
            return parts.stream().map(RateLimit::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return requests + "/" + window.toSeconds() + "s";
    }
}
