package io.consoul.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** With one Redis behind them, three instances behave as one: one rate limit, one set of sessions. */
@Timeout(120)
class ThreeInstancesOneRedisTest {
    static final String KEY = "sk-test-alpha-0001";
    static final String OTHER_KEY = "sk-test-bravo-0002";
    static final String INTRUDER_KEY = "sk-test-charlie-0003";

    static RedisServer redis;
    static List<ConsoulInstance> instances = new ArrayList<>();

    @BeforeAll
    static void start() {
        redis = RedisServer.launch();
        for (int i = 0; i < 3; i++) {
            instances.add(ConsoulInstance.start(Map.of(
                    "consoul.api-keys", KEY + "," + OTHER_KEY + "," + INTRUDER_KEY,
                    "consoul.rate-limit", "1000/minute",
                    "consoul.rate-limit-tiers", "{\"strict\":\"30/minute\"}",
                    "consoul.api-key-tiers", "{\"sk-test-alpha-*\":\"strict\"}",
                    "consoul.session-redis-url", redis.url(1),
                    "consoul.rate-limit-redis-url", redis.url(0))));
        }
    }

    @AfterAll
    static void stop() {
        instances.forEach(ConsoulInstance::close);
        redis.close();
    }

    @Test
    void aKeyLimitedTo30PerMinuteGetsExactly30AcrossThreeInstancesUnderConcurrentLoad() throws Exception {
        int requests = 90;
        ExecutorService pool = Executors.newFixedThreadPool(18);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String base = instances.get(i % 3).url();
            String body = Http.chatBody("limit-" + i, "hello " + i);
            futures.add(pool.submit(() -> {
                go.await();
                return Http.post(base + "/chat", body, "X-API-Key", KEY);
            }));
        }
        go.countDown();
        int ok = 0, limited = 0;
        Http.Response rejected = null;
        for (Future<Http.Response> f : futures) {
            Http.Response r = f.get();
            if (r.status() == 200) ok++;
            if (r.status() == 429) {
                limited++;
                rejected = r;
            }
        }
        pool.shutdown();

        assertThat(ok).as("successes across all instances").isEqualTo(30);
        assertThat(limited).as("everything else is refused").isEqualTo(requests - 30);
        assertThat(Integer.parseInt(rejected.header("Retry-After"))).isBetween(1, 60);
        assertThat(rejected.json().get("code").asText()).isEqualTo("E429");
        assertThat(rejected.json().get("retry_after").asInt()).isBetween(1, 60);
        assertThat(rejected.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(rejected.header("RateLimit-Policy")).isEqualTo("\"strict\";q=30;w=60");

        // another instance, a minute not yet over: still refused — the count is shared, not per instance
        Http.Response later = Http.post(instances.get(2).url() + "/chat", Http.chatBody("limit-x", "again"), "X-API-Key", KEY);
        assertThat(later.status()).isEqualTo(429);
    }

    @Test
    void aSessionStartedOnOneInstanceContinuesOnTheOthersWithItsFullHistory() {
        String id = "travelling-session";
        for (int i = 0; i < 6; i++) {
            Http.Response r = Http.post(instances.get(i % 3).url() + "/chat", Http.chatBody(id, "turn " + i), "X-API-Key", OTHER_KEY);
            assertThat(r.status()).isEqualTo(200);
        }
        for (ConsoulInstance instance : instances) {
            JsonNode session = Http.get(instance.url() + "/sessions/" + id, "X-API-Key", OTHER_KEY).json();
            List<String> contents = StreamSupport.stream(session.get("messages").spliterator(), false)
                    .map(m -> m.get("content").asText()).toList();
            assertThat(contents).containsExactly(
                    "turn 0", "Echo: turn 0", "turn 1", "Echo: turn 1", "turn 2", "Echo: turn 2",
                    "turn 3", "Echo: turn 3", "turn 4", "Echo: turn 4", "turn 5", "Echo: turn 5");
        }
    }

    @Test
    void concurrentMessagesToOneSessionThroughTwoInstancesAllEndUpInTheHistory() throws Exception {
        String id = "contended-session";
        assertThat(Http.post(instances.get(0).url() + "/chat", Http.chatBody(id, "first"), "X-API-Key", OTHER_KEY).status()).isEqualTo(200);
        int perInstance = 20;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < perInstance * 2; i++) {
            String base = instances.get(i % 2).url();
            String body = Http.chatBody(id, "concurrent " + i);
            futures.add(pool.submit(() -> {
                go.await();
                statuses.add(Http.post(base + "/chat", body, "X-API-Key", OTHER_KEY).status());
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) f.get();
        pool.shutdown();

        assertThat(statuses).containsOnly(200);
        JsonNode session = Http.get(instances.get(2).url() + "/sessions/" + id, "X-API-Key", OTHER_KEY).json();
        List<String> contents = StreamSupport.stream(session.get("messages").spliterator(), false)
                .map(m -> m.get("content").asText()).toList();
        for (int i = 0; i < perInstance * 2; i++) {
            assertThat(contents).contains("concurrent " + i, "Echo: concurrent " + i);
            // each reply directly follows its own message: turns are appended whole, never interleaved
            assertThat(contents.get(contents.indexOf("concurrent " + i) + 1)).isEqualTo("Echo: concurrent " + i);
        }
        assertThat(contents).hasSize(2 + perInstance * 2 * 2);
    }

    @Test
    void aSessionBelongsToTheKeyThatCreatedIt() {
        String id = "private-session";
        assertThat(Http.post(instances.get(0).url() + "/chat", Http.chatBody(id, "mine"), "X-API-Key", OTHER_KEY).status()).isEqualTo(200);

        Http.Response read = Http.get(instances.get(1).url() + "/sessions/" + id, "X-API-Key", INTRUDER_KEY);
        Http.Response write = Http.post(instances.get(1).url() + "/chat", Http.chatBody(id, "not yours"), "X-API-Key", INTRUDER_KEY);
        Http.Response delete = Http.delete(instances.get(2).url() + "/sessions/" + id, "X-API-Key", INTRUDER_KEY);

        assertThat(List.of(read.status(), write.status(), delete.status())).containsOnly(404);
        assertThat(read.json().get("code").asText()).isEqualTo("E404");
        assertThat(Http.get(instances.get(0).url() + "/sessions/" + id, "X-API-Key", OTHER_KEY).status()).isEqualTo(200);
        assertThat(Http.delete(instances.get(1).url() + "/sessions/" + id, "X-API-Key", OTHER_KEY).status()).isEqualTo(200);
        assertThat(Http.get(instances.get(0).url() + "/sessions/" + id, "X-API-Key", OTHER_KEY).status()).isEqualTo(404);
    }

    @Test
    void everyInstanceReportsTheSameActiveSessionCount() throws Exception {
        redis.command("FLUSHALL");
        for (int i = 0; i < 7; i++) {
            Http.post(instances.get(i % 3).url() + "/chat", Http.chatBody("counted-" + i, "hi"), "X-API-Key", OTHER_KEY);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (ConsoulInstance instance : instances) {
                assertThat(activeSessions(instance)).isEqualTo(7.0);
            }
        });
    }

    static double activeSessions(ConsoulInstance instance) {
        return Http.get(instance.metricsUrl()).body().lines()
                .filter(l -> l.startsWith("consoul_active_sessions "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
