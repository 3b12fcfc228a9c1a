package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consoul.compat.Reference.Server;
import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ported from {@code tests/server/test_rate_limit_tiers.py}: tiers seen in the limit each key gets, on a server
 * configured with {@code CONSOUL_RATE_LIMIT_TIERS={"premium": "100/minute"}}, {@code CONSOUL_API_KEY_TIERS=
 * {"sk-premium-*": "premium"}} and {@code CONSOUL_DEFAULT_LIMITS=3/minute;100/hour}, key header {@code X-Custom-Key}.
 */
class RateLimitTiersTest {
    static Http.Response session(String key) {
        return Servers.configured().get("/sessions/" + Reference.unique("tier"), "X-Custom-Key", key);
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_premium_key_gets_premium_limit")
    void premiumKey() {
        Http.Response r = session(Reference.PREMIUM_KEY);
        assertThat(r.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(r.header("RateLimit-Policy")).startsWith("\"premium\"");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_unknown_key_gets_default_limit")
    void otherKeyGetsDefault() {
        Http.Response r = session(Reference.KEY);
        assertThat(r.header("X-RateLimit-Limit")).as("the tightest of 3/minute;100/hour").isEqualTo("3");
        assertThat(r.header("RateLimit-Policy")).startsWith("\"default\"");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_custom_header_name")
    void customHeaderName() {
        Server server = Servers.configured();
        assertThat(server.get("/sessions/x", "X-API-Key", Reference.PREMIUM_KEY).status()).as("X-API-Key is not the header here").isEqualTo(401);
        assertThat(server.get("/sessions/x", "X-API-Key", Reference.PREMIUM_KEY).header("WWW-Authenticate")).isEqualTo("ApiKey name=X-Custom-Key");
        assertThat(Http.get(server.url() + "/sessions/x?token=" + Reference.PREMIUM_KEY).status()).as("CONSOUL_QUERY_NAME=token").isEqualTo(404);
    }

    /** Difference on purpose: a key mapped to an unknown tier stops the start-up (the reference falls back to the default). */
    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_missing_tier_in_tier_limits_uses_default")
    void unknownTierRefused() {
        assertThatThrownBy(() -> ConsoulInstance.start(Map.of("CONSOUL_RATE_LIMIT_TIERS", "{\"premium\":\"100/minute\"}",
                "CONSOUL_API_KEY_TIERS", "{\"sk-gold-*\":\"gold\"}")).close()).hasStackTraceContaining("unknown tier 'gold'");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestFactoryPerApiKeyBucketing::test_limiter_uses_api_key_bucketing_when_tiers_configured")
    void eachKeyHasItsOwnBucket() {
        Server server = Servers.configured();
        String route = "/sessions/" + Reference.unique("bucket");
        int premiumBefore = Integer.parseInt(server.get(route, "X-Custom-Key", Reference.PREMIUM_KEY).header("X-RateLimit-Remaining"));
        server.get(route, "X-Custom-Key", Reference.KEY);
        int premiumAfter = Integer.parseInt(server.get(route, "X-Custom-Key", Reference.PREMIUM_KEY).header("X-RateLimit-Remaining"));
        assertThat(premiumAfter).as("the other key's call used none of this key's slots").isEqualTo(premiumBefore - 1);
    }

    /** Several default limits at once: the 4th call in a minute is refused by 3/minute although 100/hour has room. */
    @Test
    @DisplayName("test_rate_limit_tiers.py::TestTieredRateLimitingIntegration::test_config_preserves_other_settings")
    void severalDefaultLimits() {
        Server server = Servers.configured();
        int refused = 0;
        for (int i = 0; i < 4; i++) {
            Http.Response r = server.post("/chat/batch", "{\"session_id\":\"" + Reference.unique("several")
                    + "\",\"messages\":[{\"content\":\"hi\"}]}", "X-Custom-Key", Reference.KEY);
            if (r.status() == 429) refused++;
        }
        assertThat(refused).isEqualTo(1);
    }
}
