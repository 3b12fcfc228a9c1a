package io.consoul.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A chat turn costs three Redis round trips: the limiter check, the session read, the session write. */
@Timeout(60)
class RedisRoundTripsTest {
    static final Pattern SENT = Pattern.compile("^lettuce_command_completion_seconds_count\\{command=\"([A-Z]+)\".*} (\\S+)$");
    /** Background work on a timer, not part of any request: readiness pings and the active-session count. */
    static final Set<String> BACKGROUND = Set.of("PING", "ZREMRANGEBYSCORE", "ZCARD");

    @Test
    void aChatTurnOnAnExistingSessionIsOneLimiterCheckOneReadAndOneWrite() {
        try (RedisServer redis = RedisServer.launch();
             ConsoulInstance app = ConsoulInstance.start(Map.of("consoul.redis-url", redis.url(0), "consoul.rate-limit", "1000/minute"))) {
            Http.post(app.url() + "/chat", Http.chatBody("counted", "warm up: scripts cached, session created"));
            Map<String, Double> before = sent(app);
            int turns = 10;
            for (int i = 0; i < turns; i++) {
                assertThat(Http.post(app.url() + "/chat", Http.chatBody("counted", "turn " + i)).status()).isEqualTo(200);
            }
            Map<String, Double> delta = sent(app);
            delta.replaceAll((command, n) -> n - before.getOrDefault(command, 0.0));
            delta.values().removeIf(n -> n == 0);

            assertThat(delta).isEqualTo(Map.of("EVALSHA", 2.0 * turns, "GET", 1.0 * turns));
        }
    }

    private static Map<String, Double> sent(ConsoulInstance app) {
        Map<String, Double> sent = new HashMap<>();
        Http.get(app.metricsUrl()).body().lines().map(SENT::matcher).filter(Matcher::matches)
                .filter(m -> !BACKGROUND.contains(m.group(1)))
                .forEach(m -> sent.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum));
        return sent;
    }
}
