package io.consoul.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisMonitor;
import io.consoul.support.RedisServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The route, not just the store: a /chat turn sends its session read before it waits for the rate-limit check
 * ({@code web.BeforeAdmission} → {@link SessionReadAhead}), so the two share one round trip. The limiter lives on a
 * Redis of its own that is paused for writes (its script): the session GET must reach the session Redis while the
 * turn is still waiting for the limiter. Without the read-ahead the GET would only follow the limiter's answer.
 */
class SessionReadAheadRouteTest {

    @Test
    void theSessionReadIsOnTheWireWhileTheLimiterIsStillDeciding() throws Exception {
        try (RedisServer sessions = RedisServer.launch(); RedisServer limits = RedisServer.launch();
             ConsoulInstance app = ConsoulInstance.start(Map.of("consoul.redis-url", sessions.url(0),
                     "consoul.rate-limit-redis-url", limits.url(0)))) {
            assertThat(Http.post(app.url() + "/chat", Http.chatBody("ahead", "first")).status()).isEqualTo(200);

            try (RedisMonitor monitor = sessions.monitor()) {
                // below the app's 2 s Redis timeout: the limiter waits, it does not fail
                assertThat(limits.command("CLIENT PAUSE 1500 WRITE")).isEqualTo("+OK");
                CompletableFuture<Http.Response> turn = CompletableFuture.supplyAsync(
                        () -> Http.post(app.url() + "/chat", Http.chatBody("ahead", "second")));
                await().atMost(Duration.ofMillis(1200)).pollInterval(Duration.ofMillis(10)).until(() -> monitor.commands()
                        .stream().anyMatch(c -> c.name().equals("GET") && c.args().get(1).endsWith("ahead")));
                assertThat(turn).as("the turn still waits for the paused limiter").isNotDone();
                limits.command("CLIENT UNPAUSE");
                assertThat(turn.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        }
    }
}
