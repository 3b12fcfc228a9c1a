package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The browser cases: preflights need no key and use no slot; a disallowed origin gets no allowance. */
class CorsTest {

    @ParameterizedTest @EnumSource(value = Mode.class, names = {"MEMORY_KEYS", "REDIS_KEYS"})
    void aPreflightToAnAuthenticatedServerIsAnsweredWithoutAKey(Mode mode) {
        Http.Response r = ServerConfigTest.preflight(Reference.server(mode), "https://app.example", "POST", "content-type,x-api-key");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(r.header("Access-Control-Allow-Headers")).containsIgnoringCase("x-api-key");
    }

    @Test
    void preflightsUseNoRateLimitSlot() {
        Server server = Reference.configured("cors-one-per-minute", null, false,
                java.util.Map.of("CONSOUL_RATE_LIMIT", "1/minute", "CONSOUL_API_KEYS", Reference.KEY));
        for (int i = 0; i < 5; i++) {
            Http.Response r = ServerConfigTest.preflight(server, "https://app.example", "POST", "content-type,x-api-key");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-RateLimit-Remaining")).isNull();
        }
        assertThat(server.postJson("/chat", java.util.Map.of("message", "no session id"), "X-API-Key", Reference.KEY).status())
                .as("a 422 uses no slot either").isEqualTo(422);
        Http.Response chat = server.post("/chat", Http.chatBody(Reference.unique("after-preflights"), "hi"), "X-API-Key", Reference.KEY);
        assertThat(chat.status()).isEqualTo(200);
        assertThat(chat.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void aDisallowedOriginGetsNoAllowance() {
        Server server = Servers.configured();
        Http.Response preflight = ServerConfigTest.preflight(server, "https://evil.example", "POST", "content-type");
        assertThat(preflight.status()).isEqualTo(400);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.json().get("error").asString()).isEqualTo("cors_request_rejected");
        Http.Response actual = Http.get(server.url() + "/health", "Origin", "https://evil.example");
        assertThat(actual.status()).as("served; the browser withholds it").isEqualTo(200);
        assertThat(actual.header("Access-Control-Allow-Origin")).isNull();
        Http.Response allowed = Http.get(server.url() + "/health", "Origin", "https://app.example.com");
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(allowed.header("Access-Control-Expose-Headers")).contains("X-RateLimit-Remaining");
    }
}
