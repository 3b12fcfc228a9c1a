package io.consoul.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.ratelimit.RateLimitPolicy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ApiKeysTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final RateLimitPolicy POLICY = RateLimitPolicy.parse("30/minute", "{\"premium\":\"100/minute\"}",
            "{\"sk-premium-*\":\"premium\"}", JSON);

    @Test
    void keysComeAsACommaListOrAJsonArray() {
        ApiKeys comma = ApiKeys.parse(" sk-one-111111 , sk-two-222222 ", POLICY, JSON);
        ApiKeys array = ApiKeys.parse("[\"sk-one-111111\",\"sk-two-222222\"]", POLICY, JSON);
        for (ApiKeys keys : new ApiKeys[] {comma, array}) {
            assertThat(keys.authenticate("sk-one-111111")).isPresent();
            assertThat(keys.authenticate("sk-two-222222")).isPresent();
            assertThat(keys.authenticate("sk-one-11111")).isEmpty();
            assertThat(keys.authenticate("")).isEmpty();
            assertThat(keys.authenticate(null)).isEmpty();
        }
    }

    @Test
    void noKeysMeansAuthenticationIsOff() {
        assertThat(ApiKeys.parse("", POLICY, JSON).enabled()).isFalse();
        assertThat(ApiKeys.parse("sk-a-123456789", POLICY, JSON).enabled()).isTrue();
    }

    @Test
    void theCallerCarriesAMaskedIdAndAHashButNeverTheKey() {
        Caller caller = ApiKeys.parse("sk-premium-secretvalue", POLICY, JSON).authenticate("sk-premium-secretvalue").orElseThrow();
        assertThat(caller.keyId()).isEqualTo("sk-pre...lue");
        assertThat(caller.tier()).isEqualTo("premium");
        assertThat(caller.toString()).doesNotContain("secretvalue");
        assertThat(caller.ownerHash()).hasSize(64).doesNotContain("secret");
    }
}
