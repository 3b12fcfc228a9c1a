package io.consoul.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A limit such as {@code 30/minute} or {@code 100/10 seconds}: at most {@code requests} in any rolling {@code window}. */
public record RateLimit(int requests, Duration window) {
    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)?\\s*(second|minute|hour|day)s?\\s*");

    public RateLimit {
        if (requests < 1) throw new IllegalArgumentException("a rate limit allows at least one request");
    }

    public static RateLimit parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("rate limit '" + text + "' is not of the form N/second|minute|hour|day (e.g. 30/minute)");
        }
        long count = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new RateLimit(Integer.parseInt(m.group(1)), unit.multipliedBy(count));
    }

    @Override
    public String toString() {
        return requests + "/" + window.toSeconds() + "s";
    }
}
