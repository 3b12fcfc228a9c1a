package io.consoul.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisMonitor;
import io.consoul.support.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A chat turn costs three Redis round trips: the limiter check, the session read, the session write. Counted where
 * nothing can be left out: on the server ({@code MONITOR}), every command any client sent while the turns ran.
 */
@Timeout(60)
class RedisRoundTripsTest {
    static final String SESSION_KEY = "consoul:session:counted";
    static final String ACTIVE_INDEX = "consoul:active-sessions";
    /** The app's timers (readiness PING, active-session count) run every 5 s, whatever the requests do. */
    static final Duration TIMER_PERIOD = Duration.ofSeconds(5);

    @Test
    void aChatTurnOnAnExistingSessionIsOneLimiterCheckOneReadAndOneWrite() throws Exception {
        try (RedisServer redis = RedisServer.launch();
             ConsoulInstance app = ConsoulInstance.start(Map.of("consoul.redis-url", redis.url(0), "consoul.rate-limit", "1000/minute"))) {
            Http.post(app.url() + "/chat", Http.chatBody("counted", "warm up: scripts cached, session created"));
            int turns = 10;
            List<RedisMonitor.Command> sent;
            long start = System.nanoTime();
            try (RedisMonitor monitor = redis.monitor()) {
                for (int i = 0; i < turns; i++) {
                    assertThat(Http.post(app.url() + "/chat", Http.chatBody("counted", "turn " + i)).status()).isEqualTo(200);
                }
                String end = "turns-done";
                redis.command("ECHO " + end);
                await().atMost(Duration.ofSeconds(10)).until(() -> monitor.commands().stream().anyMatch(c -> c.args().equals(List.of("ECHO", end))));
                List<RedisMonitor.Command> all = monitor.commands();
                int endAt = 0;
                while (!all.get(endAt).args().equals(List.of("ECHO", end))) endAt++;
                sent = all.subList(0, endAt);
            }
            long ticks = Duration.ofNanos(System.nanoTime() - start).dividedBy(TIMER_PERIOD) + 1;

            // Round trips are what clients send; what a script runs inside the server ("lua") is part of its EVALSHA.
            List<RedisMonitor.Command> roundTrips = sent.stream().filter(c -> !c.lua()).toList();
            List<RedisMonitor.Command> timers = roundTrips.stream().filter(RedisRoundTripsTest::timer).toList();
            List<RedisMonitor.Command> requests = roundTrips.stream().filter(c -> !timer(c)).toList();

            assertThat(count(requests)).as("every command the turns sent: %s", requests)
                    .isEqualTo(Map.of("EVALSHA", 2L * turns, "GET", 1L * turns));
            assertThat(requests.stream().filter(c -> c.name().equals("GET"))).allSatisfy(get ->
                    assertThat(get.args()).containsExactly("GET", SESSION_KEY));
            // the timers' commands, told apart by their exact arguments, cannot hide per-turn work: at most one
            // round of them per period that passed
            assertThat(count(timers).values()).as("timer commands in %s periods: %s", ticks, timers)
                    .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2 * ticks));
        }
    }

    /** The readiness PING and the active-session count (expired entries dropped, then counted). */
    private static boolean timer(RedisMonitor.Command c) {
        return c.args().equals(List.of("PING"))
                || c.name().equals("ZREMRANGEBYSCORE") && c.args().get(1).equals(ACTIVE_INDEX)
                || c.name().equals("ZCARD") && c.args().equals(List.of(c.args().get(0), ACTIVE_INDEX));
    }

    private static Map<String, Long> count(List<RedisMonitor.Command> commands) {
        return commands.stream().collect(Collectors.groupingBy(RedisMonitor.Command::name, Collectors.counting()));
    }
}
