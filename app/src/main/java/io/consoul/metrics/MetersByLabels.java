package io.consoul.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters built and registered once per label set, then only looked up: a map lookup per request instead of a
 * Micrometer builder, tag sorting and the registry's own lookup. For bounded label sets only (route templates,
 * models, configured keys) — every key stays for the life of the process.
 *
 * @param <K> the label set, a record
 * @param <M> what is registered for it (a meter, or a record of a few)
 */
public final class MetersByLabels<K, M> {
    private final Map<K, M> meters = new ConcurrentHashMap<>();
    private final Function<K, M> register;

    public MetersByLabels(Function<K, M> register) {
        this.register = register;
    }

    public M get(K labels) {
        return meters.computeIfAbsent(labels, register);
    }
}
