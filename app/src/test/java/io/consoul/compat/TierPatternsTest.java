package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ported from {@code tests/server/test_rate_limit_tiers.py::TestCreateTieredLimitFunc}: which limit a key gets, read
 * from the {@code X-RateLimit-Limit} the server answers it with. The reference's patterns, in its order
 * (first match wins), on one server.
 */
class TierPatternsTest {
    static Server server() {
        String tiers = "{\"premium\":\"100/minute\",\"basic\":\"30/minute\",\"middle\":\"700/minute\",\"enterprise\":\"1000/minute\","
                + "\"special\":\"500/minute\",\"admin\":\"999/minute\",\"single\":\"42/minute\",\"catchall\":\"5/minute\"}";
        String patterns = "{\"sk-premium-*\":\"premium\",\"sk-basic-*\":\"basic\",\"sk-*-enterprise-*\":\"middle\","
                + "\"*-enterprise\":\"enterprise\",\"special-*\":\"special\",\"admin-master-key\":\"admin\",\"sk-?-one\":\"single\","
                + "\"sk-*\":\"catchall\"}";
        String keys = "sk-premium-abc123,sk-basic-xyz789,xx-unknown-123,sk-abc-enterprise,special-key-123,sk-abc-enterprise-xyz,"
                + "admin-master-key,admin-master-key-extra,sk-a-one,sk-ab-one";
        return Reference.configured("tiers", null, false, Map.of("CONSOUL_RATE_LIMIT_TIERS", tiers, "CONSOUL_API_KEY_TIERS", patterns,
                "CONSOUL_API_KEYS", keys, "CONSOUL_DEFAULT_LIMITS", "10/minute"));
    }

    static String limitOf(String key) {
        Http.Response r = server().get("/sessions/" + Reference.unique("tier"), "X-API-Key", key);
        assertThat(r.status()).isEqualTo(404);
        return r.header("X-RateLimit-Limit");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_basic_key_gets_basic_limit")
    void basic() {
        assertThat(limitOf("sk-basic-xyz789")).isEqualTo("30");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_missing_api_key_uses_default")
    void noKeyIsTheDefaultTier() {
        // With keys on, a missing key is a 401 here (tiers need to know the caller); with keys off, as in the
        // reference's test, every caller is the default tier.
        Http.Response r = Servers.strict().get("/sessions/" + Reference.unique("nokey"));
        assertThat(r.header("RateLimit-Policy")).startsWith("\"default\"");
        assertThat(Http.get(server().url() + "/sessions/x").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_empty_api_key_uses_default")
    void emptyKey() {
        assertThat(Http.get(server().url() + "/sessions/x", "X-API-Key", "").status()).as("an empty key is no key").isEqualTo(401);
        assertThat(limitOf("xx-unknown-123")).isEqualTo("10");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_wildcard_suffix_pattern")
    void suffix() {
        assertThat(limitOf("sk-abc-enterprise")).isEqualTo("1000");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_wildcard_prefix_pattern")
    void prefix() {
        assertThat(limitOf("special-key-123")).isEqualTo("500");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_wildcard_middle_pattern")
    void middle() {
        assertThat(limitOf("sk-abc-enterprise-xyz")).isEqualTo("700");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_exact_match_pattern")
    void exact() {
        assertThat(limitOf("admin-master-key")).isEqualTo("999");
        assertThat(limitOf("admin-master-key-extra")).isEqualTo("10");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_first_pattern_wins")
    void firstWins() {
        assertThat(limitOf("sk-premium-abc123")).as("also matches sk-*, listed later").isEqualTo("100");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_question_mark_wildcard")
    void questionMark() {
        assertThat(limitOf("sk-a-one")).isEqualTo("42");
        assertThat(limitOf("sk-ab-one")).as("? is one character; sk-* catches it").isEqualTo("5");
    }

    @Test
    @DisplayName("test_rate_limit_tiers.py::TestCreateTieredLimitFunc::test_multiple_tiers")
    void multipleTiers() {
        assertThat(limitOf("sk-premium-abc123")).isEqualTo("100");
        assertThat(limitOf("sk-basic-xyz789")).isEqualTo("30");
        assertThat(limitOf("xx-unknown-123")).isEqualTo("10");
    }
}
