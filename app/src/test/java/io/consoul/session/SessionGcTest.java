package io.consoul.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.redis.RedisEndpoint;
import io.consoul.support.RedisServer;
import io.lettuce.core.resource.ClientResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Ported from {@code tests/server/test_session_gc.py} ({@code TestRedisSessionStoreCleanup}), on a real Redis. */
class SessionGcTest {
    static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    static final double NOW_SECONDS = NOW.getEpochSecond();
    static RedisServer redis;
    static ClientResources resources;
    static RedisEndpoint endpoint;

    @BeforeAll
    static void start() {
        redis = RedisServer.launch();
        resources = ClientResources.create();
        endpoint = RedisEndpoint.connectNow(redis.url(0), false, Duration.ofSeconds(2), resources);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        resources.shutdown();
        redis.close();
    }

    static SessionGc gc(String prefix, int batch) {
        return new SessionGc(endpoint, prefix, Duration.ofHours(1), batch, JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static void put(String key, String json) {
        endpoint.commands().set(key, json);
    }

    static boolean exists(String key) {
        return endpoint.commands().exists(key) == 1;
    }

    @Test
    @DisplayName("test_session_gc.py::TestRedisSessionStoreCleanup::test_cleanup_mixed_sessions")
    void onlyOldOrUnreadableSessionsWithoutATtlGo() {
        String p = "gc1:session:";
        put(p + "old", "{\"created_at\": " + (NOW_SECONDS - 7200) + "}");
        put(p + "recent", "{\"created_at\": " + (NOW_SECONDS - 60) + "}");
        put(p + "old-iso", "{\"created_at\": \"2026-12-03T05:00:00Z\"}");
        put(p + "corrupted", "{not json");
        put(p + "no-timestamp", "{\"data\": \"test\"}");
        put(p + "with-ttl", "{\"created_at\": " + (NOW_SECONDS - 7200) + "}");
        endpoint.commands().expire(p + "with-ttl", 600);
        put("gc1:other:old", "{\"created_at\": 0}");

        assertThat(gc(p, 100).collect()).isEqualTo(4);
        assertThat(exists(p + "old")).as("test_cleanup_deletes_orphaned_expired_sessions").isFalse();
        assertThat(exists(p + "old-iso")).isFalse();
        assertThat(exists(p + "corrupted")).as("test_cleanup_deletes_corrupted_sessions").isFalse();
        assertThat(exists(p + "no-timestamp")).as("test_cleanup_handles_missing_created_at").isFalse();
        assertThat(exists(p + "recent")).as("test_cleanup_skips_recent_orphaned_sessions").isTrue();
        assertThat(exists(p + "with-ttl")).as("test_cleanup_skips_sessions_with_valid_ttl").isTrue();
        assertThat(exists("gc1:other:old")).as("test_cleanup_custom_prefix").isTrue();
    }

    @Test
    @DisplayName("test_session_gc.py::TestRedisSessionStoreCleanup::test_cleanup_uses_scan_pagination")
    void everyPageOfTheScanIsCleaned() {
        String p = "gc2:session:";
        for (int i = 0; i < 250; i++) put(p + i, "{\"created_at\": 1.0}");
        assertThat(gc(p, 7).collect()).isEqualTo(250);
    }

    @Test
    @DisplayName("test_session_gc.py::TestEdgeCases::test_cleanup_empty_redis")
    void nothingToClean() {
        assertThat(gc("gc3:session:", 100).collect()).isZero();
    }
}
