package io.consoul.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
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
    static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(?:\\{(.*)})? (.+)$");

    static RedisServer redis;
    static ConsoulInstance app;
    static String exposition;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.launch();
        app = ConsoulInstance.start(Map.of("consoul.redis-url", redis.url(0), "consoul.api-keys", KEY, "consoul.rate-limit", "2/minute"));
        Http.post(app.url() + "/chat", Http.chatBody("metered", "hello there"), "X-API-Key", KEY);
        Http.get(app.url() + "/sessions/metered", "X-API-Key", KEY);
        Http.post(app.url() + "/chat", "{broken", "X-API-Key", KEY);
        Http.post(app.url() + "/chat", Http.chatBody("metered", "over the limit"), "X-API-Key", KEY);
        Thread.sleep(5500); // the active-session gauge is refreshed off the request path every 5 s
        exposition = Http.get(app.metricsUrl()).body();
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
    void theValuesFollowWhatHappened() {
        assertThat(value("consoul_request_total", Map.of("endpoint", "/chat", "status", "200", "model", "echo"))).isEqualTo(1.0);
        assertThat(value("consoul_errors_total", Map.of("endpoint", "/chat", "error_type", "client_error"))).isEqualTo(2.0);
        assertThat(value("consoul_rate_limit_rejections_total", Map.of("tier", "default"))).isEqualTo(1.0);
        assertThat(value("consoul_token_usage_total", Map.of("direction", "output", "model", "echo"))).as("\"Echo: hello there\"").isEqualTo(3.0);
        assertThat(value("consoul_active_sessions", Map.of())).isEqualTo(1.0);
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

    private double value(String name, Map<String, String> match) {
        return exposition.lines().map(SAMPLE::matcher).filter(Matcher::matches)
                .filter(m -> m.group(1).equals(name) && labels(m.group(2)).entrySet().containsAll(match.entrySet()))
                .mapToDouble(m -> Double.parseDouble(m.group(3))).sum();
    }

    private List<Map<String, String>> samples(String name) {
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
