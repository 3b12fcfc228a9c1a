package io.consoul.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The reference's batch families: {@code consoul_batch_request_total{processing_mode,status}} (success,
 * partial_failure, failure), {@code consoul_batch_size} (buckets 1…10),
 * {@code consoul_batch_message_total{status,processing_mode}} (success, failed) and
 * {@code consoul_batch_latency_seconds{processing_mode}} (the request latency's buckets).
 */
@Component
public class BatchMetrics {
    private final MeterRegistry registry;
    private final DistributionSummary size;

    BatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.size = DistributionSummary.builder("consoul.batch.size")
                .description("Batch size distribution (number of messages per batch)")
                .serviceLevelObjectives(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).register(registry);
    }

    /** A batch that passed validation and its rate limit is about to be answered. */
    public void started(int messages) {
        size.record(messages);
    }

    /** The batch was answered: {@code succeeded} of {@code total} items have a response. */
    public void answered(String mode, int succeeded, int total, long startNanos) {
        message(mode, "success", succeeded);
        message(mode, "failed", total - succeeded);
        finished(mode, succeeded == total ? "success" : succeeded == 0 ? "failure" : "partial_failure", startNanos);
    }

    /** The batch failed as a whole (session storage, an unexpected error). */
    public void failed(String mode, long startNanos) {
        finished(mode, "failure", startNanos);
    }

    private void message(String mode, String status, int count) {
        Counter counter = Counter.builder("consoul.batch.message")
                .description("Total message count within batches by status and processing mode")
                .tags("status", status, "processing_mode", mode).register(registry);
        if (count > 0) counter.increment(count);
    }

    private void finished(String mode, String status, long startNanos) {
        Counter.builder("consoul.batch.request").description("Total batch request count by processing mode and status")
                .tags("processing_mode", mode, "status", status).register(registry).increment();
        Timer.builder("consoul.batch.latency").description("Batch processing latency in seconds by processing mode")
                .tag("processing_mode", mode).serviceLevelObjectives(RequestMetricsFilter.BUCKETS).register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
