package io.consoul.cli.switching;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.consoul.cli.CliFailure;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * GCP: a colour is the Cloud Run revision tagged with it. Cloud Run's admin API does not report instance counts; Cloud
 * Monitoring does, as {@code run.googleapis.com/container/instance_count} per revision (sampled every 60 s, visible
 * up to 180 s later — https://cloud.google.com/monitoring/api/metrics_gcp#gcp-run). Running = the latest sample's
 * sum over the instance states; ready = the {@code active} and {@code idle} instances (Cloud Run counts an instance
 * only once its startup probe passed). The token is {@code gcloud auth print-access-token}'s; the service, project
 * and the colour's revision come from the stack's state. Give the wait on GCP a few minutes for the metric's delay.
 */
final class CloudRunCapacity implements PlatformCapacity {
    static final String SERVICE = "gcp:cloudrunv2/service:Service";
    static final String METRIC = "run.googleapis.com/container/instance_count";
    static final String MONITORING = "https://monitoring.googleapis.com";

    /** A GET with a bearer token, answering the body (an interface so tests answer it). */
    interface Http {
        String get(URI uri, String token);
    }

    private final StackResources resources;
    private final CloudCli gcloud;
    private final Http http;
    private final String monitoring;

    CloudRunCapacity(StackResources resources, CloudCli gcloud, Http http, String monitoring) {
        this.resources = resources;
        this.gcloud = gcloud;
        this.http = http;
        this.monitoring = monitoring;
    }

    static CloudRunCapacity real(StackResources resources) {
        return new CloudRunCapacity(resources, CloudCli.PROCESS, CloudRunCapacity::get, MONITORING);
    }

    @Override
    public int running(String colour) {
        return count(colour, false);
    }

    @Override
    public int ready(String colour) {
        return count(colour, true);
    }

    @Override
    public String source() {
        return "Cloud Monitoring's instance_count of the colour's revision (up to 3 min behind)";
    }

    private int count(String colour, boolean readyOnly) {
        Map<String, Object> service = resources.outputs(SERVICE, null);
        String project = StackResources.text(service, "project");
        String filter = "metric.type=\"" + METRIC + "\" AND resource.type=\"cloud_run_revision\""
                + " AND resource.labels.service_name=\"" + StackResources.text(service, "name") + "\""
                + " AND resource.labels.revision_name=\"" + StackResources.entry(service, "traffics", "tag", colour, "revision") + "\""
                + (readyOnly ? " AND (metric.labels.state=\"active\" OR metric.labels.state=\"idle\")" : "");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        URI uri = URI.create(monitoring + "/v3/projects/" + project + "/timeSeries?filter=" + encode(filter)
                + "&interval.startTime=" + encode(now.minus(Duration.ofMinutes(5)).toString())
                + "&interval.endTime=" + encode(now.toString())
                + "&aggregation.alignmentPeriod=60s&aggregation.perSeriesAligner=ALIGN_MAX"
                + "&aggregation.crossSeriesReducer=REDUCE_SUM&aggregation.groupByFields=resource.labels.revision_name");
        String token = gcloud.run(List.of("gcloud", "auth", "print-access-token")).strip();
        JsonArray series = EcsCapacity.json(http.get(uri, token)).getAsJsonObject().getAsJsonArray("timeSeries");
        if (series == null || series.isEmpty()) {
            return 0; // no sample: the revision has no instance (scaled to zero) or none reported yet
        }
        // Points come newest first; the reducer left one series for the revision.
        JsonObject value = series.get(0).getAsJsonObject().getAsJsonArray("points").get(0).getAsJsonObject()
                .getAsJsonObject("value");
        JsonElement number = value.has("int64Value") ? value.get("int64Value") : value.get("doubleValue");
        return (int) Math.round(number.getAsDouble());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String get(URI uri, String token) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliFailure("Cloud Monitoring answered HTTP " + response.statusCode() + " to " + uri.getPath()
                        + ": " + response.body().strip().lines().findFirst().orElse(""));
            }
            return response.body();
        } catch (IOException e) {
            throw new CliFailure("Cloud Monitoring did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }
}
