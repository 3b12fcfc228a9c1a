package io.consoul.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which limit applies to whom: the default limit, named tiers ({@code CONSOUL_RATE_LIMIT_TIERS}) and key globs
 * mapped to tiers ({@code CONSOUL_API_KEY_TIERS}, first match wins). Bad settings stop the start-up with the reason.
 */
public final class RateLimitPolicy {
    public static final String DEFAULT_TIER = "default";

    private final Map<String, List<RateLimit>> tiers;
    private final Map<Pattern, String> keyTiers;

    private RateLimitPolicy(Map<String, List<RateLimit>> tiers, Map<Pattern, String> keyTiers) {
        this.tiers = tiers;
        this.keyTiers = keyTiers;
    }

    /**
     * @param defaultLimits the default tier's limits: one ({@code 30/minute}) or several, all enforced
     *                      ({@code 10/minute;100/hour}); a tier's limit may be several the same way
     */
    public static RateLimitPolicy parse(String defaultLimits, String tiersJson, String keyTiersJson, JsonMapper json) {
        Map<String, List<RateLimit>> tiers = new LinkedHashMap<>();
        tiers.put(DEFAULT_TIER, RateLimit.parseAll("CONSOUL_RATE_LIMIT", defaultLimits));
        readMap(tiersJson, "CONSOUL_RATE_LIMIT_TIERS", json).forEach((name, limit) ->
                tiers.put(name, RateLimit.parseAll("CONSOUL_RATE_LIMIT_TIERS[" + name + "]", limit)));
        Map<Pattern, String> keyTiers = new LinkedHashMap<>();
        readMap(keyTiersJson, "CONSOUL_API_KEY_TIERS", json).forEach((glob, tier) -> {
            if (!tiers.containsKey(tier)) {
                throw new IllegalArgumentException("CONSOUL_API_KEY_TIERS maps '" + glob + "' to unknown tier '" + tier
                        + "'; known tiers: " + tiers.keySet());
            }
            keyTiers.put(globToRegex(glob), tier);
        });
        return new RateLimitPolicy(tiers, keyTiers);
    }

    public String tierOfKey(String apiKey) {
        return keyTiers.entrySet().stream().filter(e -> e.getKey().matcher(apiKey).matches())
                .map(Map.Entry::getValue).findFirst().orElse(DEFAULT_TIER);
    }

    /** The tier's first (for a single limit, only) limit. */
    public RateLimit limitOf(String tier) {
        return limitsOf(tier).get(0);
    }

    /** Every limit of the tier; a request must fit in all of them. */
    public List<RateLimit> limitsOf(String tier) {
        return tiers.getOrDefault(tier, tiers.get(DEFAULT_TIER));
    }

    private static Map<String, String> readMap(String text, String setting, JsonMapper json) {
        if (text == null || text.isBlank()) return Map.of();
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(setting + " must be a JSON object of strings, e.g. {\"premium\":\"100/minute\"}");
        }
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') regex.append(".*");
            else if (c == '?') regex.append('.');
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
