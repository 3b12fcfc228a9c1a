package io.consoul.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisCluster;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault suite's "Redis restart" on a Redis Cluster with the limiter failing open ({@code local}'s slow
 * {@code SlowFaultScenariosTest}, not run by {@code ./mvnw verify}), here at the app's level so it runs in every
 * build: while the cluster is down {@code /ready} is 503 and a chat is let through by the limiter (counted) and then
 * refused by the session store (503 E110); after the restart everything serves again and the sessions written
 * before it are still there (append-only file on).
 */
@Timeout(180)
class RedisClusterRestartTest {

    @Test
    void failOpenWhileTheClusterIsDownAndNothingLostWhenItReturns() {
        try (RedisCluster cluster = RedisCluster.launch("--appendonly", "yes", "--appendfsync", "always");
             ConsoulInstance app = ConsoulInstance.start(Map.of("consoul.redis-url", cluster.urls(),
                     "consoul.redis-cluster", "true", "consoul.rate-limit-fail-open", "true"))) {
            for (int s = 0; s < 4; s++) {
                assertThat(Http.post(app.url() + "/chat", Http.chatBody("kept-" + s, "before")).status()).isEqualTo(200);
            }

            cluster.stop();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Http.get(app.url() + "/ready").status()).isEqualTo(503));
            Http.Response during = Http.post(app.url() + "/chat", Http.chatBody("kept-0", "during"));
            assertThat(during.status()).as(during.body()).isEqualTo(503);
            assertThat(during.json().get("code").asString()).as("let through by the limiter, refused by the session store")
                    .isEqualTo("E110");
            assertThat(Http.get(app.metricsUrl()).body()).containsPattern("consoul_rate_limit_fail_open_total [1-9]");

            cluster.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(Http.get(app.url() + "/ready").status()).isEqualTo(200);
                assertThat(Http.post(app.url() + "/chat", Http.chatBody("kept-0", "after")).status()).isEqualTo(200);
            });
            for (int s = 0; s < 4; s++) {
                Http.Response history = Http.get(app.url() + "/sessions/kept-" + s);
                assertThat(history.status()).isEqualTo(200);
                assertThat(history.json().get("messages").get(0).get("content").asString()).isEqualTo("before");
            }
        }
    }
}
