package io.consoul.compat;

import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads one sample sum from a server's Prometheus exposition (management port). */
final class Scrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(?:\\{(.*)})? (.+)$");

    private Scrape() {}

    static double value(Server server, String name, Map<String, String> match) {
        String exposition = Http.get(server.app.metricsUrl()).body();
        return exposition.lines().map(SAMPLE::matcher).filter(Matcher::matches)
                .filter(m -> m.group(1).equals(name) && labels(m.group(2)).entrySet().containsAll(match.entrySet()))
                .mapToDouble(m -> Double.parseDouble(m.group(3))).sum();
    }

    private static Map<String, String> labels(String text) {
        if (text == null || text.isEmpty()) return Map.of();
        return Arrays.stream(text.split(",(?=[a-z_]+=\")")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1].substring(1, p[1].length() - 1)));
    }
}
