package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ported from {@code tests/server/test_batch_endpoint.py::TestBatchMetricsIntegration}: what a batch records, read
 * from {@code /metrics} as deltas around one request.
 */
class BatchMetricsIntegrationTest {

    static double v(Server s, String name, Map<String, String> labels) {
        return Scrape.value(s, name, labels);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchMetricsIntegration::test_successful_batch_records_all_metrics")
    void successfulBatch(Mode mode) {
        Server s = Reference.server(mode);
        Map<String, String> ok = Map.of("processing_mode", "sequential", "status", "success");
        double requests = v(s, "consoul_batch_request_total", ok);
        double sizes = v(s, "consoul_batch_size_count", Map.of());
        double messages = v(s, "consoul_batch_message_total", Map.of("status", "success", "processing_mode", "sequential"));
        double latencies = v(s, "consoul_batch_latency_seconds_count", Map.of("processing_mode", "sequential"));
        s.postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("m"), List.of("a", "b"), null, null));
        assertThat(v(s, "consoul_batch_request_total", ok)).isEqualTo(requests + 1);
        assertThat(v(s, "consoul_batch_size_count", Map.of())).isEqualTo(sizes + 1);
        assertThat(v(s, "consoul_batch_message_total", Map.of("status", "success", "processing_mode", "sequential"))).isEqualTo(messages + 2);
        assertThat(v(s, "consoul_batch_latency_seconds_count", Map.of("processing_mode", "sequential"))).isEqualTo(latencies + 1);
        assertThat(v(s, "consoul_batch_latency_seconds_sum", Map.of("processing_mode", "sequential"))).isPositive();
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchMetricsIntegration::test_partial_failure_records_partial_failure_status")
    void partialFailure(Mode mode) {
        Server s = Reference.server(mode);
        Map<String, String> partial = Map.of("processing_mode", "sequential", "status", "partial_failure");
        double requests = v(s, "consoul_batch_request_total", partial);
        double failed = v(s, "consoul_batch_message_total", Map.of("status", "failed", "processing_mode", "sequential"));
        double succeeded = v(s, "consoul_batch_message_total", Map.of("status", "success", "processing_mode", "sequential"));
        s.postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("m"), List.of("a", Reference.FAIL, "c"), null, Reference.FAILING_MODEL));
        assertThat(v(s, "consoul_batch_request_total", partial)).isEqualTo(requests + 1);
        assertThat(v(s, "consoul_batch_message_total", Map.of("status", "failed", "processing_mode", "sequential"))).isEqualTo(failed + 1);
        assertThat(v(s, "consoul_batch_message_total", Map.of("status", "success", "processing_mode", "sequential"))).isEqualTo(succeeded + 2);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchMetricsIntegration::test_all_failures_records_failure_status")
    void allFailures(Mode mode) {
        Server s = Reference.server(mode);
        Map<String, String> failure = Map.of("processing_mode", "sequential", "status", "failure");
        double before = v(s, "consoul_batch_request_total", failure);
        s.postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("m"), List.of(Reference.FAIL, Reference.FAIL), null, Reference.FAILING_MODEL));
        assertThat(v(s, "consoul_batch_request_total", failure)).isEqualTo(before + 1);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchMetricsIntegration::test_parallel_mode_records_parallel_label")
    void parallelLabel(Mode mode) {
        Server s = Reference.server(mode);
        double requests = v(s, "consoul_batch_request_total", Map.of("processing_mode", "parallel"));
        double latencies = v(s, "consoul_batch_latency_seconds_count", Map.of("processing_mode", "parallel"));
        s.postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("m"), List.of("a", "b"), false, null));
        assertThat(v(s, "consoul_batch_request_total", Map.of("processing_mode", "parallel"))).isEqualTo(requests + 1);
        assertThat(v(s, "consoul_batch_latency_seconds_count", Map.of("processing_mode", "parallel"))).isEqualTo(latencies + 1);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchMetricsIntegration::test_batch_size_recorded_for_various_sizes")
    void sizes(Mode mode) {
        Server s = Reference.server(mode);
        double fives = v(s, "consoul_batch_size_bucket", Map.of("le", "5.0")) - v(s, "consoul_batch_size_bucket", Map.of("le", "4.0"));
        s.postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("m"), Collections.nCopies(5, "x"), false, null));
        double after = v(s, "consoul_batch_size_bucket", Map.of("le", "5.0")) - v(s, "consoul_batch_size_bucket", Map.of("le", "4.0"));
        assertThat(after).isEqualTo(fives + 1);
    }
}
