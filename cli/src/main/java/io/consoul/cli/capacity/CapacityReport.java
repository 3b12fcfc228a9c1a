package io.consoul.cli.capacity;

import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Prints each part of the plan as the guide writes it: the formula with the numbers, then the result. */
final class CapacityReport {
    private static final DecimalFormat WHOLE = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    private final PrintWriter out;

    CapacityReport(PrintWriter out) {
        this.out = out;
    }

    void print(long dau, Double requestsPerUser, double peakHours, double safety,
               Optional<CapacityPlan.Requests> requests, Long sessions, double sessionKb,
               Optional<CapacityPlan.Redis> redis, Double messages, Double tokensPerMessage, OptionalLong tokens) {
        requests.ifPresent(r -> {
            out.printf("Peak requests     (%s users × %s requests × %s) / (%s h × 3600) = %s req/s (~%d)%n",
                    n(dau), n(requestsPerUser), n(safety), n(peakHours), WHOLE.format(round1(r.perSecond())),
                    Math.round(r.perSecond()));
            out.printf("Instances         medium: %s   large: %s   (sizing table row: up to %d req/s)%n",
                    r.row().medium(), r.row().large(), r.row().requestsPerSecond());
            CapacityPlan.Recommendation rec = r.recommendation();
            out.printf("Recommended       size %s, minReplicas %d, maxReplicas %d per colour%n",
                    rec.size().key(), rec.minReplicas(), rec.maxReplicas());
        });
        redis.ifPresent(r -> out.printf("Redis             %s KB (session bound) × %s sessions × %s = %s MB → %s%n",
                n(sessionKb), n(sessions), n(safety), WHOLE.format(round1(r.memoryMb())), r.tier().label()));
        tokens.ifPresent(t -> out.printf("Tokens per month  %s users × %s messages × %s tokens × 30 days = %s%n",
                n(dau), n(messages), n(tokensPerMessage), humanTokens(t)));
    }

    /** 300,000,000 → 300M, 1,500,000,000 → 1.5B, as the guide writes "300M tokens/month". */
    static String humanTokens(long tokens) {
        if (tokens >= 1_000_000_000L) {
            return WHOLE.format(round1(tokens / 1e9)) + "B";
        }
        if (tokens >= 1_000_000L) {
            return WHOLE.format(round1(tokens / 1e6)) + "M";
        }
        if (tokens >= 1_000L) {
            return WHOLE.format(round1(tokens / 1e3)) + "K";
        }
        return Long.toString(tokens);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String n(Number value) {
        return WHOLE.format(value);
    }
}
