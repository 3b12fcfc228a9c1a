package io.consoul.cli.capacity;

import io.consoul.infra.spec.RedisTier;
import io.consoul.infra.spec.Scaling;
import io.consoul.infra.spec.Size;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The scaling guide's capacity planning, each part computed only from the inputs it needs.
 *
 * @param requests peak request rate and the instances it needs, when the request inputs were given
 * @param redis    Redis memory and size, when concurrent sessions were given
 * @param tokens   tokens per month, when messages and tokens per message were given
 */
record CapacityPlan(Optional<Requests> requests, Optional<Redis> redis, OptionalLong tokens) {
    /** The spec's default floor (never fewer than two instances per colour, so one can fail or drain). */
    static final int MIN_REPLICAS_FLOOR = Scaling.DEFAULTS.minReplicas();
    /** Prefer medium until it needs more than the spec's default maximum; then large (fewer, bigger). */
    static final int PREFER_MEDIUM_UP_TO = Scaling.DEFAULTS.maxReplicas();

    record Requests(double perSecond, InstanceSizing.Row row) {
        /** Size, min and max replicas to write into a stack. */
        Recommendation recommendation() {
            boolean medium = row.medium().high() <= PREFER_MEDIUM_UP_TO;
            InstanceSizing.Range range = medium ? row.medium() : row.large();
            int min = Math.max(MIN_REPLICAS_FLOOR, range.low());
            return new Recommendation(medium ? Size.MEDIUM : Size.LARGE, min, Math.max(min, range.high()));
        }
    }

    /** The guide's memory estimate in its own decimal megabytes, and the size chosen from the spec's one table. */
    record Redis(double memoryMb, RedisTier tier) {
    }

    record Recommendation(Size size, int minReplicas, int maxReplicas) {
    }

    /** (DAU × requests per user × safety) / (peak hours × 3600). */
    static double peakRequestsPerSecond(long dailyActiveUsers, double requestsPerUser, double peakHours,
                                        double safety) {
        return dailyActiveUsers * requestsPerUser * safety / (peakHours * 3600);
    }

    /** Users × messages per day × tokens per message × 30 days. */
    static long tokensPerMonth(long users, double messagesPerUser, double tokensPerMessage) {
        return Math.round(users * messagesPerUser * tokensPerMessage * 30);
    }

    static Requests requests(long dailyActiveUsers, double requestsPerUser, double peakHours, double safety) {
        double rate = peakRequestsPerSecond(dailyActiveUsers, requestsPerUser, peakHours, safety);
        return new Requests(rate, InstanceSizing.forRate(rate));
    }

    /** Session size × concurrent sessions × safety factor, megabytes as the guide counts them (10 KB × 10,000 × 2 = 200 MB). */
    static double memoryMb(double sessionKb, long concurrentSessions, double safety) {
        return sessionKb * concurrentSessions * safety / 1000.0;
    }

    /** The guide's Redis size for the sessions, one size up while the estimate does not fit ({@link RedisTier#forLoad}). */
    static Redis redis(double sessionKb, long concurrentSessions, double safety) {
        double memory = memoryMb(sessionKb, concurrentSessions, safety);
        return new Redis(memory, RedisTier.forLoad(concurrentSessions, (long) Math.ceil(memory * 1_000_000)));
    }
}
