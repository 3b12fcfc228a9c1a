package io.consoul.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retries honour Retry-After, only for idempotent calls unless chat retries are opted in, within their bounds. */
@Timeout(60)
class RetryTest {
    static RedisServer redis;
    static ConsoulInstance app;

    @BeforeAll
    static void start() {
        redis = RedisServer.launch();
        app = ConsoulInstance.start(Map.of("consoul.redis-url", redis.url(0), "consoul.rate-limit", "2/2 seconds",
                "consoul.api-keys", "sk-retry-read-0001,sk-retry-chat-0002,sk-retry-budget-03"));
    }

    @AfterAll
    static void stop() {
        app.close();
        redis.close();
    }

    @Test
    void anIdempotentCallWaitsOutA429AndSucceeds() {
        ConsoulClient client = ConsoulClient.builder(app.url()).apiKey("sk-retry-read-0001").build();
        client.chat("retry-read", "hello");
        client.session("retry-read");
        client.session("retry-read");
        double refusedBefore = refused("/sessions/{id}");
        long start = System.nanoTime();
        assertThat(client.session("retry-read").messages()).hasSize(2);
        // the server did refuse it once (429), and the client waited out Retry-After before asking again
        assertThat(refused("/sessions/{id}") - refusedBefore).as("429s the server answered").isEqualTo(1.0);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void chatIsNotRetriedUnlessAskedAndTheErrorCarriesRetryAfter() {
        ConsoulClient client = ConsoulClient.builder(app.url()).apiKey("sk-retry-chat-0002").build();
        client.chat("retry-chat", "1");
        client.chat("retry-chat", "2");
        assertThatThrownBy(() -> client.chat("retry-chat", "3")).isInstanceOfSatisfying(ConsoulApiException.class, e -> {
            assertThat(e.code()).isEqualTo("E429");
            assertThat(e.retryAfterSeconds()).isBetween(1, 2);
        });

        ConsoulClient retrying = ConsoulClient.builder(app.url()).apiKey("sk-retry-chat-0002").retryChat(true).build();
        double refusedBefore = refused("/chat");
        assertThat(retrying.chat("retry-chat", "4").response()).isEqualTo("Echo: 4");
        assertThat(refused("/chat") - refusedBefore).as("the opted-in chat was refused once, then retried").isEqualTo(1.0);
    }

    @Test
    void aRetryThatWouldOverrunTheTimeBudgetIsNotAttempted() {
        ConsoulClient impatient = ConsoulClient.builder(app.url()).apiKey("sk-retry-budget-03")
                .retry(new RetryPolicy(5, Duration.ofMillis(300), true)).build();
        impatient.chat("retry-budget", "1");
        impatient.chat("retry-budget", "2");
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.chat("retry-budget", "3"))
                .isInstanceOfSatisfying(ConsoulApiException.class, e -> assertThat(e.status()).isEqualTo(429));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    }

    /** 429s the server has answered on {@code endpoint}, from its own {@code consoul_request_total}. */
    private static double refused(String endpoint) {
        Pattern sample = Pattern.compile("^consoul_request_total\\{(.*)} (\\S+)$");
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(app.metricsUrl())).build(),
                        HttpResponse.BodyHandlers.ofString()).join().body().lines()
                .map(sample::matcher).filter(Matcher::matches)
                .filter(m -> m.group(1).contains("endpoint=\"" + endpoint + "\"") && m.group(1).contains("status=\"429\""))
                .mapToDouble(m -> Double.parseDouble(m.group(2))).sum();
    }

    @Test
    void readinessOfAServerWithoutRedisIsAnAnswerNotAnException() throws Exception {
        try (RedisServer gone = RedisServer.launch();
             ConsoulInstance lonely = ConsoulInstance.start(Map.of("consoul.redis-url", gone.url(0)))) {
            gone.stop();
            Responses.Readiness readiness = ConsoulClient.builder(lonely.url()).build().ready();
            assertThat(readiness.ready()).isFalse();
            assertThat(readiness.message()).isEqualTo("Redis connection failed");
        }
    }
}
