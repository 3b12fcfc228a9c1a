package io.consoul.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /metrics} on the management port carries every contract metric, with exactly the contract's labels. */
@Timeout(60)
class MetricsContractTest {
    static final String KEY = "sk-metrics-test-key-42";
    static final String BATCH_KEY = "sk-metrics-batch-key-43";
    static final String BROKEN_KEY = "sk-metrics-broken-key-44";
    static final String STREAM_KEY = "sk-metrics-stream-key-45";
    static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(?:\\{(.*)})? (.+)$");

    static RedisServer redis;
    static ConsoulInstance app;
    static String exposition;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.launch();
        // An OpenAI provider that refuses every connection, to drive its circuit breaker; new sessions stay on echo.
        app = ConsoulInstance.start(Map.of("consoul.redis-url", redis.url(0), "consoul.api-keys", KEY + "," + BATCH_KEY + "," + BROKEN_KEY + "," + STREAM_KEY, "consoul.rate-limit", "1/minute",
                "OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", "http://127.0.0.1:" + RedisServer.freePort() + "/v1",
                "consoul.model-name", "echo", "consoul.model-timeout", "5"));
        Http.post(app.url() + "/chat", Http.chatBody("metered", "hello there"), "X-API-Key", KEY);
        Http.get(app.url() + "/sessions/metered", "X-API-Key", KEY);
        Http.post(app.url() + "/chat", "{broken", "X-API-Key", KEY); // a 422 uses no slot...
        Http.post(app.url() + "/chat", Http.chatBody("metered", "over the limit"), "X-API-Key", KEY); // ...this is the 429
        Http.post(app.url() + "/chat/batch", "{\"session_id\":\"echoed\",\"messages\":[{\"content\":\"a\"},{\"content\":\"b\"}]}", "X-API-Key", BATCH_KEY);
        String sixItems = String.join(",", java.util.Collections.nCopies(6, "{\"content\":\"x\"}"));
        Http.post(app.url() + "/chat/batch", "{\"session_id\":\"broken-provider\",\"model\":\"gpt-4o-mini\",\"messages\":[" + sixItems + "]}",
                "X-API-Key", BROKEN_KEY); // each key has its own slots
        // a stream ends with a second (async) dispatch through Spring MVC: still one request of its key
        assertThat(Http.post(app.url() + "/chat/stream", Http.chatBody("streamed", "one two three"), "X-API-Key", STREAM_KEY).body())
                .contains("event: done");
        // the active-session gauge is refreshed off the request path every 5 s: wait for a refresh that saw all three sessions
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            exposition = Http.get(app.metricsUrl()).body();
            return value("consoul_active_sessions", Map.of()) >= 3.0;
        });
    }

    @AfterAll
    static void stop() {
        app.close();
        redis.close();
    }

    @Test
    void everyContractMetricIsExposedWithItsLabels() {
        assertLabels("consoul_request_total", "endpoint", "method", "status", "model");
        assertLabels("consoul_errors_total", "endpoint", "error_type");
        assertLabels("consoul_request_latency_seconds_bucket", "endpoint", "method", "le");
        assertLabels("consoul_request_latency_seconds_count", "endpoint", "method");
        assertLabels("consoul_active_sessions");
        assertLabels("consoul_token_usage_total", "direction", "model");
        assertLabels("consoul_rate_limit_rejections_total", "tier");
        assertLabels("consoul_redis_up");
    }

    @Test
    void theReferencesOtherFamiliesAreExposedWithItsNamesAndLabels() {
        assertLabels("consoul_batch_request_total", "processing_mode", "status");
        assertLabels("consoul_batch_message_total", "status", "processing_mode");
        assertLabels("consoul_batch_size_bucket", "le");
        assertLabels("consoul_batch_latency_seconds_bucket", "processing_mode", "le");
        assertLabels("consoul_circuit_breaker_state", "provider");
        assertLabels("consoul_circuit_breaker_trips_total", "provider");
        assertLabels("consoul_circuit_breaker_rejections_total", "provider");
        assertLabels("consoul_redis_degraded");
        assertLabels("consoul_redis_recovered_total");
        assertLabels("consoul_api_key_requests_total", "api_key_id");
        assertLabels("consoul_api_key_last_used_timestamp", "api_key_id");
    }

    @Test
    void batchAndBreakerValuesFollowWhatHappened() {
        assertThat(value("consoul_batch_request_total", Map.of("processing_mode", "sequential", "status", "success"))).isEqualTo(1.0);
        assertThat(value("consoul_batch_request_total", Map.of("processing_mode", "sequential", "status", "failure"))).isEqualTo(1.0);
        assertThat(value("consoul_batch_message_total", Map.of("status", "failed", "processing_mode", "sequential"))).isEqualTo(6.0);
        assertThat(value("consoul_batch_size_bucket", Map.of("le", "2.0"))).isEqualTo(1.0);
        assertThat(value("consoul_batch_size_count", Map.of())).isEqualTo(2.0);
        // The breaker opens after 5 failures in a row (the reference's default), so the 6th item is refused.
        assertThat(value("consoul_circuit_breaker_state", Map.of("provider", "openai"))).isEqualTo(2.0);
        assertThat(value("consoul_circuit_breaker_trips_total", Map.of("provider", "openai"))).isEqualTo(1.0);
        assertThat(value("consoul_circuit_breaker_rejections_total", Map.of("provider", "openai"))).isEqualTo(1.0);
        assertThat(value("consoul_api_key_requests_total", Map.of("api_key_id", "sk-met...-42"))).isEqualTo(4.0);
        assertThat(value("consoul_api_key_requests_total", Map.of("api_key_id", "sk-met...-44"))).isEqualTo(1.0);
        assertThat(value("consoul_api_key_requests_total", Map.of("api_key_id", "sk-met...-45"))).isEqualTo(1.0);
    }

    /** {@code promtool check metrics} finds nothing to say about any {@code consoul_*} family (HELP text, names, types). */
    @Test
    void promtoolFindsNoProblemInConsoulFamilies() throws Exception {
        String ours = exposition.lines()
                .filter(l -> l.startsWith("consoul_") || l.startsWith("# HELP consoul_") || l.startsWith("# TYPE consoul_"))
                .collect(Collectors.joining("\n", "", "\n"));
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (java.io.IOException notInstalled) {
            throw new IllegalStateException("promtool is not installed; this test checks the exposition with it. "
                    + "Install it with: sudo apt-get install -y prometheus (Debian/Ubuntu) "
                    + "or brew install prometheus (macOS)", notInstalled);
        }
        promtool.getOutputStream().write(ours.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String report = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = promtool.waitFor();
        assertThat(report).as("promtool check metrics").doesNotContain("consoul_");
        assertThat(exit).as(report).isZero();
        assertThat(exposition).contains("# HELP consoul_batch_request_total Total batch request count");
    }

    @Test
    void theValuesFollowWhatHappened() {
        assertThat(value("consoul_request_total", Map.of("endpoint", "/chat", "status", "200", "model", "echo"))).isEqualTo(1.0);
        assertThat(value("consoul_errors_total", Map.of("endpoint", "/chat", "error_type", "client_error"))).isEqualTo(2.0);
        assertThat(value("consoul_rate_limit_rejections_total", Map.of("tier", "default"))).isEqualTo(1.0);
        assertThat(value("consoul_token_usage_total", Map.of("direction", "output", "model", "echo"))).as("\"Echo: hello there\", \"Echo: a\", \"Echo: b\", \"Echo: one two three\"").isEqualTo(11.0);
        assertThat(value("consoul_active_sessions", Map.of())).as("metered, echoed and streamed; the failed batch saved nothing").isEqualTo(3.0);
        assertThat(value("consoul_redis_up", Map.of())).isEqualTo(1.0);
    }

    @Test
    void latencyBucketsSpanTenMillisecondsToSixtySeconds() {
        Set<String> les = samples("consoul_request_latency_seconds_bucket").stream()
                .map(labels -> labels.get("le")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(les).contains("0.01", "60.0", "+Inf");
    }

    @Test
    void endpointIsTheRouteTemplateAndNoKeyLeaks() {
        assertThat(exposition).contains("endpoint=\"/sessions/{id}\"").doesNotContain("/sessions/metered").doesNotContain(KEY);
    }

    @Test
    void metricsAreNotServedOnThePublicPort() {
        assertThat(Http.get(app.url() + "/metrics").status()).isEqualTo(404);
    }

    private void assertLabels(String name, String... labels) {
        List<Map<String, String>> samples = samples(name);
        assertThat(samples).as(name + " is exposed").isNotEmpty();
        samples.forEach(s -> assertThat(s.keySet()).as(name + " labels").containsExactlyInAnyOrder(labels));
    }

    private static double value(String name, Map<String, String> match) {
        return exposition.lines().map(SAMPLE::matcher).filter(Matcher::matches)
                .filter(m -> m.group(1).equals(name) && labels(m.group(2)).entrySet().containsAll(match.entrySet()))
                .mapToDouble(m -> Double.parseDouble(m.group(3))).sum();
    }

    private static List<Map<String, String>> samples(String name) {
        return exposition.lines().map(SAMPLE::matcher).filter(Matcher::matches)
                .filter(m -> m.group(1).equals(name)).map(m -> labels(m.group(2))).toList();
    }

    private static Map<String, String> labels(String text) {
        if (text == null || text.isEmpty()) return Map.of();
        return Arrays.stream(text.split(",(?=[a-z_]+=\")"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1].substring(1, p[1].length() - 1)));
    }
}
