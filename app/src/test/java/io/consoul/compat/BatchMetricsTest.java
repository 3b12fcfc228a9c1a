package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ported from {@code tests/server/test_batch_metrics.py}: the batch families as {@code /metrics} exposes them. */
class BatchMetricsTest {
    static Server server() {
        return Reference.server(Mode.MEMORY_NO_KEYS);
    }

    static String exposition() {
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("def"), List.of("a"), false, null));
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("def"), List.of("a"), true, null));
        return Http.get(server().app.metricsUrl()).body();
    }

    static Set<String> les(String exposition, String family) {
        Set<String> les = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^" + family + "_bucket\\{[^}]*le=\"([^\"]+)\"").matcher(exposition);
        while (m.find()) les.add(m.group(1));
        return les;
    }

    static double v(String name, Map<String, String> labels) {
        return Scrape.value(server(), name, labels);
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricDefinitions::test_batch_request_total_defined")
    void requestTotalDefined() {
        String e = exposition();
        assertThat(e).contains("# HELP consoul_batch_request_total ").contains("# TYPE consoul_batch_request_total counter");
        assertThat(e).containsPattern("consoul_batch_request_total\\{processing_mode=\"(sequential|parallel)\",status=\"success\"}");
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricDefinitions::test_batch_message_total_defined")
    void messageTotalDefined() {
        String e = exposition();
        assertThat(e).contains("# HELP consoul_batch_message_total ").contains("# TYPE consoul_batch_message_total counter");
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricDefinitions::test_batch_size_histogram_buckets")
    void sizeBuckets() {
        assertThat(les(exposition(), "consoul_batch_size"))
                .containsExactlyInAnyOrder("1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0", "8.0", "9.0", "10.0", "+Inf");
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricDefinitions::test_batch_latency_buckets_match_request_latency")
    void latencyBuckets() {
        String e = exposition();
        assertThat(les(e, "consoul_batch_latency_seconds")).isEqualTo(les(e, "consoul_request_latency_seconds"))
                .contains("0.01", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "30.0", "60.0", "+Inf");
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricDefinitions::test_batch_latency_has_processing_mode_label")
    void latencyLabel() {
        assertThat(exposition()).containsPattern("consoul_batch_latency_seconds_count\\{processing_mode=\"parallel\"}");
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricRecordingDisabled::test_record_batch_request_disabled")
    void batchWorksWithMetricsOff() {
        Server off = Reference.configured("metrics-off", null, false, Map.of("CONSOUL_OBSERVABILITY_PROMETHEUS_ENABLED", "false",
                "CONSOUL_RATE_LIMIT", "1000/minute"));
        assertThat(off.postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("off"), List.of("a", "b"), null, null)).status())
                .isEqualTo(200);
        assertThat(Http.get(off.app.metricsUrl()).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("test_batch_endpoint.py::TestBatchMetricsIntegration::test_metrics_disabled_no_errors")
    void batchEndpointWithMetricsOff() {
        batchWorksWithMetricsOff();
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricRecordingEnabled::test_record_batch_request_sequential_success")
    void sequentialSuccess() {
        Map<String, String> l = Map.of("processing_mode", "sequential", "status", "success");
        double before = v("consoul_batch_request_total", l);
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("r"), List.of("a"), true, null));
        assertThat(v("consoul_batch_request_total", l)).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricRecordingEnabled::test_record_batch_request_parallel_partial_failure")
    void parallelPartialFailure() {
        Map<String, String> l = Map.of("processing_mode", "parallel", "status", "partial_failure");
        double before = v("consoul_batch_request_total", l);
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("r"), List.of("a", Reference.FAIL), false, Reference.FAILING_MODEL));
        assertThat(v("consoul_batch_request_total", l)).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricRecordingEnabled::test_record_batch_request_failure_status")
    void failureStatus() {
        Map<String, String> l = Map.of("processing_mode", "parallel", "status", "failure");
        double before = v("consoul_batch_request_total", l);
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("r"), List.of(Reference.FAIL), false, Reference.FAILING_MODEL));
        assertThat(v("consoul_batch_request_total", l)).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricRecordingEnabled::test_record_batch_size_observes_value")
    void sizeObserved() {
        double sum = v("consoul_batch_size_sum", Map.of());
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("r"), Collections.nCopies(3, "x"), false, null));
        assertThat(v("consoul_batch_size_sum", Map.of())).isEqualTo(sum + 3);
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricRecordingEnabled::test_record_batch_size_max_value")
    void sizeMax() {
        double tens = v("consoul_batch_size_bucket", Map.of("le", "10.0")) - v("consoul_batch_size_bucket", Map.of("le", "9.0"));
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("r"), Collections.nCopies(10, "x"), false, null));
        assertThat(v("consoul_batch_size_bucket", Map.of("le", "10.0")) - v("consoul_batch_size_bucket", Map.of("le", "9.0")))
                .isEqualTo(tens + 1);
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricRecordingEnabled::test_record_batch_message_success")
    void messageSuccess() {
        Map<String, String> l = Map.of("status", "success", "processing_mode", "parallel");
        double before = v("consoul_batch_message_total", l);
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("r"), List.of("a", "b"), false, null));
        assertThat(v("consoul_batch_message_total", l)).isEqualTo(before + 2);
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricRecordingEnabled::test_record_batch_message_failure")
    void messageFailure() {
        Map<String, String> l = Map.of("status", "failed", "processing_mode", "parallel");
        double before = v("consoul_batch_message_total", l);
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("r"), List.of(Reference.FAIL, "ok"), false, Reference.FAILING_MODEL));
        assertThat(v("consoul_batch_message_total", l)).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricRecordingEnabled::test_record_batch_latency_sequential")
    void latencySequential() {
        Map<String, String> l = Map.of("processing_mode", "sequential");
        double count = v("consoul_batch_latency_seconds_count", l);
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("r"), List.of("a"), true, null));
        assertThat(v("consoul_batch_latency_seconds_count", l)).isEqualTo(count + 1);
        assertThat(v("consoul_batch_latency_seconds_sum", l)).isPositive();
    }

    @Test
    @DisplayName("test_batch_metrics.py::TestBatchMetricRecordingEnabled::test_record_batch_latency_parallel")
    void latencyParallel() {
        Map<String, String> l = Map.of("processing_mode", "parallel");
        double count = v("consoul_batch_latency_seconds_count", l);
        server().postJson("/chat/batch", BatchEndpointTest.batch(Reference.unique("r"), List.of("a"), false, null));
        assertThat(v("consoul_batch_latency_seconds_count", l)).isEqualTo(count + 1);
    }
}
