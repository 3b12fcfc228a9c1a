package io.consoul.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Redis going away and coming back: readiness and the limiter follow, and nothing needs a restart. */
@Timeout(120)
class RedisOutageTest {

    /** The fault suite's single-node "Redis restart" (local's SlowFaultScenariosTest), without HAProxy in front. */
    @Test
    void failClosedByDefaultAndEverythingRecoversWhenRedisReturns() throws Exception {
        try (RedisServer redis = RedisServer.launch("--appendonly", "yes", "--appendfsync", "always");
             ConsoulInstance app = ConsoulInstance.start(Map.of("consoul.redis-url", redis.url(0)))) {
            assertThat(Http.post(app.url() + "/chat", Http.chatBody("outage", "before")).status()).isEqualTo(200);

            redis.stop();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(Http.get(app.url() + "/ready").status()).isEqualTo(503));
            Http.Response ready = Http.get(app.url() + "/ready");
            assertThat(ready.json().get("checks").get("redis").asBoolean()).isFalse();
            assertThat(ready.json().get("message").asText()).isEqualTo("Redis connection failed");

            Http.Response limited = Http.post(app.url() + "/chat", Http.chatBody("outage", "during"));
            assertThat(limited.status()).isEqualTo(503);
            assertThat(limited.json().get("code").asText()).isEqualTo("E111");
            assertThat(limited.header("Retry-After")).isNotBlank();
            assertThat(Http.get(app.url() + "/health").status()).as("liveness never depends on Redis").isEqualTo(200);

            redis.start();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(Http.get(app.url() + "/ready").status()).isEqualTo(200);
                assertThat(Http.post(app.url() + "/chat", Http.chatBody("after-outage", "after")).status()).isEqualTo(200);
            });
            Http.Response kept = Http.get(app.url() + "/sessions/outage");
            assertThat(kept.json().get("messages").get(0).get("content").asString())
                    .as("the turn acknowledged before the restart is still there").isEqualTo("before");
        }
    }

    @Test
    void failOpenLetsRequestsThroughWhileTheLimiterStoreIsDown() throws Exception {
        try (RedisServer limiterRedis = RedisServer.launch();
             RedisServer sessionRedis = RedisServer.launch();
             ConsoulInstance app = ConsoulInstance.start(Map.of(
                     "consoul.rate-limit-redis-url", limiterRedis.url(0),
                     "consoul.session-redis-url", sessionRedis.url(1),
                     "consoul.rate-limit-fail-open", "true"))) {
            limiterRedis.stop();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(Http.post(app.url() + "/chat", Http.chatBody("open", "through")).status()).isEqualTo(200));
            assertThat(Http.get(app.metricsUrl()).body()).containsPattern("consoul_rate_limit_fail_open_total [1-9]");
        }
    }

    @Test
    void startsWithoutRedisReportsNotReadyAndConnectsOnceRedisAppears() {
        int port = RedisServer.freePort();
        try (ConsoulInstance app = ConsoulInstance.start(Map.of("consoul.redis-url", "redis://127.0.0.1:" + port + "/0"))) {
            assertThat(Http.get(app.url() + "/ready").status()).isEqualTo(503);
            assertThat(Http.post(app.url() + "/chat", Http.chatBody("early", "hi")).json().get("code").asText()).isEqualTo("E111");
            try (RedisServer redis = RedisServer.launchOn(port)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(Http.post(app.url() + "/chat", Http.chatBody("early", "hi")).status()).isEqualTo(200));
                assertThat(Http.get(app.url() + "/ready").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void withFallbackEnabledAnOutageDegradesToMemoryInsteadOfFailing() throws Exception {
        try (RedisServer redis = RedisServer.launch();
             ConsoulInstance app = ConsoulInstance.start(Map.of(
                     "consoul.redis-url", redis.url(0), "consoul.redis-fallback-enabled", "true"))) {
            redis.stop();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Http.Response chat = Http.post(app.url() + "/chat", Http.chatBody("degraded", "still here"));
                assertThat(chat.status()).isEqualTo(200);
                Http.Response ready = Http.get(app.url() + "/ready");
                assertThat(ready.status()).isEqualTo(200);
                assertThat(ready.json().get("checks").get("session_store").asText()).isEqualTo("degraded");
                assertThat(ready.json().get("message").asText()).isEqualTo("Running in fallback mode");
            });
        }
    }
}
