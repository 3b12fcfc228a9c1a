package io.consoul.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RateLimitPolicyTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void limitsReadAsTheReferenceServerWritesThem() {
        assertThat(RateLimit.parse("30/minute")).isEqualTo(new RateLimit(30, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse("100/hour")).isEqualTo(new RateLimit(100, Duration.ofHours(1)));
        assertThat(RateLimit.parse("5/10 seconds")).isEqualTo(new RateLimit(5, Duration.ofSeconds(10)));
        assertThat(RateLimit.parse("1000/Day")).isEqualTo(new RateLimit(1000, Duration.ofDays(1)));
    }

    @Test
    void aMalformedLimitIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> RateLimit.parse("thirty per minute")).hasMessageContaining("N/second|minute|hour|day");
        assertThatThrownBy(() -> RateLimit.parse("0/minute")).hasMessageContaining("at least one");
    }

    @Test
    void keysMapToTiersByGlobFirstMatchWins() {
        RateLimitPolicy policy = RateLimitPolicy.parse("30/minute",
                "{\"premium\":\"100/minute\",\"internal\":\"1000/minute\"}",
                "{\"sk-premium-*\":\"premium\",\"sk-*\":\"internal\"}", JSON);
        assertThat(policy.tierOfKey("sk-premium-abc")).isEqualTo("premium");
        assertThat(policy.tierOfKey("sk-other")).isEqualTo("internal");
        assertThat(policy.tierOfKey("pk-other")).isEqualTo(RateLimitPolicy.DEFAULT_TIER);
        assertThat(policy.limitOf("premium").requests()).isEqualTo(100);
        assertThat(policy.limitOf(RateLimitPolicy.DEFAULT_TIER).requests()).isEqualTo(30);
    }

    @Test
    void aKeyMappedToAnUnknownTierStopsTheStartUp() {
        assertThatThrownBy(() -> RateLimitPolicy.parse("30/minute", "{}", "{\"sk-*\":\"gold\"}", JSON))
                .hasMessageContaining("unknown tier 'gold'");
        assertThatThrownBy(() -> RateLimitPolicy.parse("30/minute", "not json", "", JSON))
                .hasMessageContaining("CONSOUL_RATE_LIMIT_TIERS");
    }
}
