package io.consoul.cli.capacity;

import java.util.List;

/**
 * The scaling guide's instance-sizing table (Capacity Planning): instances needed at medium and large size for a
 * peak request rate. A rate is served by the first row at or above it; above the last row (1000 req/s) the last
 * row is scaled in proportion, which is how the table itself grows from 500 to 1000.
 */
final class InstanceSizing {
    /** A row: up to {@code requestsPerSecond}, medium needs low–high instances, large low–high. */
    record Row(int requestsPerSecond, Range medium, Range large) {
    }

    /** An inclusive instance count range, {@code 2–3}. */
    record Range(int low, int high) {
        Range scaled(double factor) {
            return new Range((int) Math.ceil(low * factor), (int) Math.ceil(high * factor));
        }

        @Override
        public String toString() {
            return low == high ? Integer.toString(low) : low + "–" + high;
        }
    }

    static final List<Row> TABLE = List.of(
            new Row(10, new Range(1, 1), new Range(1, 1)),
            new Row(50, new Range(2, 3), new Range(1, 2)),
            new Row(100, new Range(4, 5), new Range(2, 3)),
            new Row(500, new Range(15, 20), new Range(8, 10)),
            new Row(1000, new Range(30, 40), new Range(15, 20)));

    private InstanceSizing() {
    }

    /** The row that serves this rate; past the table, its last row scaled to the rate. */
    static Row forRate(double requestsPerSecond) {
        for (Row row : TABLE) {
            if (requestsPerSecond <= row.requestsPerSecond()) {
                return row;
            }
        }
        Row last = TABLE.get(TABLE.size() - 1);
        double factor = requestsPerSecond / last.requestsPerSecond();
        return new Row((int) Math.ceil(requestsPerSecond), last.medium().scaled(factor), last.large().scaled(factor));
    }
}
