package io.consoul.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGTERM (a context close) with a stream in flight: readiness drops first, the stream still finishes and is saved. */
@Timeout(60)
class GracefulShutdownTest {

    @Test
    void aStreamInFlightCompletesWhileReadyAnswers503() throws Exception {
        try (RedisServer redis = RedisServer.launch()) {
            ConsoulInstance app = ConsoulInstance.start(Map.of(
                    "consoul.redis-url", redis.url(0),
                    "consoul.echo-token-delay", "250ms",
                    "consoul.shutdown-delay", "1500ms"));
            String base = app.url();
            List<String> lines = new CopyOnWriteArrayList<>();
            CountDownLatch firstToken = new CountDownLatch(1);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/stream"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.chatBody("draining",
                            "one two three four five six seven eight nine ten eleven twelve"))).build();
            CompletableFuture<Integer> stream = CompletableFuture.supplyAsync(() -> {
                try {
                    HttpResponse<java.util.stream.Stream<String>> r = HttpClient.newHttpClient()
                            .send(request, HttpResponse.BodyHandlers.ofLines());
                    r.body().forEach(line -> {
                        lines.add(line);
                        if (line.startsWith("event: token")) firstToken.countDown();
                    });
                    return r.statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(firstToken.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(app::close);
            // readiness drops while the stream is still running
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                    assertThat(readyStatus(base)).as("/ready while the stream drains").isEqualTo(503));
            assertThat(stream).as("the stream is still running when /ready turns 503").isNotDone();

            assertThat(stream.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            shutdown.get(30, TimeUnit.SECONDS);
            assertThat(lines).contains("event: done");
            assertThat(lines.stream().filter(l -> l.equals("event: token")).count()).isEqualTo(13);
            assertThat(redis.command("EXISTS consoul:session:draining")).as("the finished stream was saved before Redis closed").isEqualTo(":1");
        }
    }

    /** The status /ready answers, or -1 once the server no longer accepts connections. */
    private static int readyStatus(String base) {
        try {
            return Http.get(base + "/ready").status();
        } catch (RuntimeException connectionRefused) {
            return -1;
        }
    }
}
