package io.consoul.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.consoul.client.ConsoulApiException;
import io.consoul.client.ConsoulClient;
import io.consoul.client.RetryPolicy;
import io.consoul.local.faults.FaultStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * ops/: the alert rules pass {@code promtool check rules}, and every metric the rules and the dashboard use is one a
 * running instance really exports (a renamed metric would otherwise leave an alert that can never fire).
 */
@ExtendWith(SharedStack.class)
class OpsAssetsTest {
    private static final Path OPS = Path.of(System.getProperty("consoul.opsDir", "../ops"));
    private static final Path RULES = OPS.resolve("prometheus/consoul-alerts.yml");
    private static final Path DASHBOARD = OPS.resolve("grafana/consoul-dashboard.json");
    /** Every Consoul metric name (the prefix is the contract's); {@code up} is Prometheus's own and not looked for. */
    private static final Pattern METRIC = Pattern.compile("\\bconsoul_[a-z0-9_]+");

    private static String exported;

    @BeforeAll
    static void driveEveryKindOfRequestThenScrape() {
        LocalStack stack = SharedStack.get();
        Instance instance = stack.instance("blue-1");
        ConsoulClient client = ConsoulClient.builder(instance.url()).apiKey(FaultStack.LOAD_KEY).retry(RetryPolicy.NONE).build();
        client.chat("ops-check", "hello");
        ConsoulClient tight = ConsoulClient.builder(instance.url()).apiKey(FaultStack.SPARE_TIGHT_KEY).retry(RetryPolicy.NONE).build();
        for (int i = 0; i <= FaultStack.TIGHT_LIMIT; i++) {
            try {
                tight.chat("ops-tight-" + i, "count me");
            } catch (ConsoulApiException limited) {
                // the 429s are the point: they create the rejection counter's series
            }
        }
        try {
            ConsoulClient.builder(instance.url()).apiKey("wrong").retry(RetryPolicy.NONE).build().chat("ops-check", "x");
        } catch (ConsoulApiException unauthorised) {
            // a client error creates consoul_errors_total's series
        }
        exported = get(instance.metricsUrl());
    }

    @Test
    void alertRulesPassPromtool() throws Exception {
        Process promtool;
        try {
            promtool = new ProcessBuilder(promtool(), "check", "rules", RULES.toString()).redirectErrorStream(true).start();
        } catch (IOException missing) {
            fail("promtool is not installed; it checks the alert rules. Install it with: sudo apt-get install -y prometheus"
                    + " (Debian/Ubuntu; promtool ships with it) or brew install prometheus (macOS)");
            return;
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS: 5 rules found");
    }

    @Test
    void alertRulesCoverErrorRatesLatencyRedisAndReadiness() throws IOException {
        String rules = Files.readString(RULES);
        assertThat(rules).contains("> 0.01", "> 0.05", "> 2", "consoul_redis_up", "up{job=\"consoul\"} == 0");
    }

    @Test
    void everyMetricTheAlertRulesUseIsExportedByTheApp() throws IOException {
        assertExported(metricsIn(Files.readString(RULES)));
    }

    @Test
    void everyMetricTheDashboardUsesIsExportedByTheApp() throws IOException {
        assertExported(metricsIn(String.join("\n", dashboardExpressions())));
    }

    @Test
    void dashboardHasTheScalingGuidesViews() throws IOException {
        List<String> expressions = dashboardExpressions();
        assertThat(expressions).contains(
                "sum(rate(consoul_request_total[1m])) by (instance)",
                "sum(rate(consoul_errors_total[1m])) / sum(rate(consoul_request_total[1m]))",
                "histogram_quantile(0.95, sum(rate(consoul_request_latency_seconds_bucket[1m])) by (le))",
                "consoul_active_sessions",
                "consoul_redis_up");
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) expressions.add(target.path("expr").asText());
        }
        return expressions;
    }

    static Set<String> metricsIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(promql);
        while (m.find()) names.add(m.group());
        return names;
    }

    private static void assertExported(Set<String> names) {
        assertThat(names).isNotEmpty();
        for (String name : names) {
            assertThat(exported).as("metric " + name + " in the running app's /metrics").containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    private static String promtool() {
        for (String candidate : List.of("/usr/bin/promtool", "/usr/local/bin/promtool")) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return "promtool";
    }

    private static String get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
