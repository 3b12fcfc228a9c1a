package io.consoul.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consoul.redis.RedisEndpoint;
import io.consoul.support.RedisServer;
import io.lettuce.core.resource.ClientResources;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A session read started ahead ({@link Sessions#read}) is on its way to Redis before anyone waits for it — that is
 * what lets /chat wait one round trip for the limiter check and the read together — and it is the turn's only read.
 */
class SessionReadAheadTest {
    static final Pattern GET_CALLS = Pattern.compile("cmdstat_get:calls=(\\d+)");
    static ClientResources resources;

    @BeforeAll
    static void start() {
        resources = ClientResources.create();
    }

    @AfterAll
    static void stop() {
        resources.shutdown();
    }

    @Test
    void theReadIsSentWhenStartedAndOpeningWaitsForThatOneRead() throws Exception {
        try (RedisServer redis = RedisServer.launch();
             RedisEndpoint endpoint = RedisEndpoint.connectNow(redis.url(0), false, Duration.ofSeconds(2), resources)) {
            Sessions sessions = sessions(endpoint);
            Sessions.Opened created = sessions.open("ahead", "owner", () -> "echo");
            sessions.append(created, List.of(Session.Message.user("hi"), Session.Message.assistant("Echo: hi")));
            long getsBefore = gets(redis);

            Sessions.Reading reading = sessions.read("ahead");
            await().atMost(Duration.ofSeconds(5)).until(() -> gets(redis) == getsBefore + 1); // nobody has waited yet
            Sessions.Opened opened = sessions.open(reading, "owner", () -> "echo");

            assertThat(opened.session().messages).extracting(m -> m.content).containsExactly("hi", "Echo: hi");
            assertThat(gets(redis)).as("opening sent no second read").isEqualTo(getsBefore + 1);
            assertThatThrownBy(() -> sessions.open(sessions.read("ahead"), "someone else", () -> "echo"))
                    .as("the owner check still applies to a read started ahead").isInstanceOf(SessionNotFoundException.class);
        }
    }

    @Test
    void aReadThatCannotReachRedisFailsWhenAwaitedAsStorageUnavailable() throws Exception {
        try (RedisServer redis = RedisServer.launch();
             RedisEndpoint endpoint = RedisEndpoint.connectNow(redis.url(0), false, Duration.ofSeconds(2), resources)) {
            Sessions sessions = sessions(endpoint);
            redis.stop();
            Sessions.Reading reading = sessions.read("gone"); // starting it never throws: the limiter's verdict comes first
            assertThatThrownBy(() -> sessions.open(reading, "owner", () -> "echo"))
                    .isInstanceOf(SessionStorageUnavailableException.class);
        }
    }

    private static Sessions sessions(RedisEndpoint endpoint) {
        return new Sessions(new RedisSessionStore(endpoint, "test:session:", Duration.ofHours(1)),
                JsonMapper.builder().build(), Clock.systemUTC());
    }

    private static long gets(RedisServer redis) throws IOException {
        Matcher m = GET_CALLS.matcher(redis.info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
