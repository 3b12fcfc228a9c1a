package io.consoul.local.faults;

import java.util.List;
import java.util.Map;

/**
 * What one scenario's load saw.
 *
 * @param failed        requests answered with an error other than 429, or not answered at all
 * @param p99Millis     99th percentile of every request's time, failures included
 * @param sessionsLost  sessions whose history misses a message the server had acknowledged
 * @param failures      failed requests by kind ({@code 503 E111}, {@code no answer}, …)
 */
public record LoadReport(long sent, long ok, long failed, long rateLimited, double p99Millis, int sessions,
                         int sessionsLost, Map<String, Long> failures, List<String> lostDetails) {
}
