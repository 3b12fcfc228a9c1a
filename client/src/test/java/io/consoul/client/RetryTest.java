package io.consoul.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.RedisServer;
import java.time.Duration;
import java.util.Map;
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
        long start = System.nanoTime();
        assertThat(client.session("retry-read").messages()).hasSize(2); // 429 first, then allowed after Retry-After
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
        assertThat(retrying.chat("retry-chat", "4").response()).isEqualTo("Echo: 4");
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
