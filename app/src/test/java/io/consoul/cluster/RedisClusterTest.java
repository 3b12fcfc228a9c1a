package io.consoul.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisCluster;
import io.consoul.support.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Managed Redis on every cloud can be a Cluster: two instances on three masters still behave as one. */
@Timeout(120)
class RedisClusterTest {
    static final String ROOMY = "sk-cluster-roomy-0001";
    static final String LIMITED = "sk-cluster-limited-02";
    static RedisCluster cluster;
    static List<ConsoulInstance> instances = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = RedisCluster.launch();
        for (int i = 0; i < 2; i++) {
            instances.add(ConsoulInstance.start(Map.of(
                    "consoul.redis-url", cluster.urls(), "consoul.redis-cluster", "true", "consoul.rate-limit", "5/minute",
                    "consoul.api-keys", String.join(",", ROOMY, LIMITED),
                    "consoul.rate-limit-tiers", "{\"roomy\":\"1000/minute\"}",
                    "consoul.api-key-tiers", "{\"sk-cluster-roomy-*\":\"roomy\"}")));
        }
    }

    @AfterAll
    static void stop() {
        instances.forEach(ConsoulInstance::close);
        cluster.close();
    }

    @Test
    void sessionsSpreadOverTheSlotsContinueOnTheOtherInstance() throws Exception {
        Set<Integer> slots = new HashSet<>();
        Set<Integer> masters = new HashSet<>();
        for (int s = 0; s < 4; s++) {
            String id = "cluster-session-" + s;
            assertThat(Http.post(instances.get(0).url() + "/chat", Http.chatBody(id, "first"), "X-API-Key", ROOMY).status()).isEqualTo(200);
            Http.Response history = Http.get(instances.get(1).url() + "/sessions/" + id, "X-API-Key", ROOMY);
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.json().get("messages").size()).isEqualTo(2);
            // stored under its own key, on the master that owns that key's slot
            String key = "consoul:session:" + id;
            RedisServer owner = cluster.ownerOf(key);
            assertThat(owner.command("EXISTS " + key)).as(key + " on the master of slot " + cluster.slotOf(key)).isEqualTo(":1");
            slots.add(cluster.slotOf(key));
            masters.add(owner.port());
        }
        assertThat(slots).as("four sessions, four slots").hasSize(4);
        assertThat(masters).as("the sessions are spread over more than one master").hasSizeGreaterThan(1);
        assertThat(Http.get(instances.get(1).url() + "/ready").json().get("checks").get("redis").asBoolean()).isTrue();
    }

    @Test
    void theLimitIsSharedAcrossInstancesOnTheCluster() {
        int ok = 0;
        for (int i = 0; i < 12; i++) {
            Http.Response r = Http.delete(instances.get(i % 2).url() + "/sessions/limit-" + i, "X-API-Key", LIMITED);
            if (r.status() != 429) ok++;
        }
        assertThat(ok).as("requests let through by a 5/minute limit, alternating instances").isEqualTo(5);
    }

    @Test
    void theActiveSessionCountIsTheSameOnBothInstances() {
        Http.post(instances.get(0).url() + "/chat/batch",
                "{\"session_id\":\"counted-on-cluster\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "X-API-Key", ROOMY);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            double a = ThreeInstancesOneRedisTest.activeSessions(instances.get(0));
            double b = ThreeInstancesOneRedisTest.activeSessions(instances.get(1));
            assertThat(a).isGreaterThanOrEqualTo(1.0).isEqualTo(b);
        });
    }
}
