package io.consoul.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
            int readyDuringDrain = awaitReadyStatus(base, 503);

            assertThat(stream.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            shutdown.get(30, TimeUnit.SECONDS);
            assertThat(readyDuringDrain).as("/ready while the stream drained").isEqualTo(503);
            assertThat(lines).contains("event: done");
            assertThat(lines.stream().filter(l -> l.equals("event: token")).count()).isEqualTo(13);
            assertThat(redis.command("EXISTS consoul:session:draining")).as("the finished stream was saved before Redis closed").isEqualTo(":1");
        }
    }

    /** Polls /ready until it answers {@code expected}; returns the last status seen. */
    private static int awaitReadyStatus(String base, int expected) throws InterruptedException {
        int status = -1;
        for (int i = 0; i < 100 && status != expected; i++) {
            try {
                status = Http.get(base + "/ready").status();
            } catch (RuntimeException connectionRefused) {
                status = -1;
            }
            if (status != expected) Thread.sleep(20);
        }
        return status;
    }
}
