package io.consoul.auth;

import io.consoul.config.SettingList;
import io.consoul.ratelimit.RateLimitPolicy;
import io.consoul.redis.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configured API keys. A presented key is compared with every configured key in constant time (digests
 * compared with {@link MessageDigest#isEqual}, no early exit), so response timing reveals nothing about keys.
 */
public final class ApiKeys {
    private record Key(byte[] digest, Caller caller) {}

    private final List<Key> keys;

    private ApiKeys(List<Key> keys) {
        this.keys = keys;
    }

    /** {@code CONSOUL_API_KEYS}: a comma list or a JSON array; blank turns authentication off. */
    public static ApiKeys parse(String raw, RateLimitPolicy policy, JsonMapper json) {
        if (raw == null || raw.isBlank()) return new ApiKeys(List.of());
        List<String> values = SettingList.parse("CONSOUL_API_KEYS", raw);
        return new ApiKeys(values.stream().map(String::trim).filter(k -> !k.isEmpty()).distinct()
                .map(k -> new Key(digest(k), new Caller(mask(k), Hashing.sha256Hex(k), policy.tierOfKey(k))))
                .toList());
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    public Optional<Caller> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) return Optional.empty();
        byte[] digest = digest(presented);
        Caller match = null;
        for (Key key : keys) {
            if (MessageDigest.isEqual(key.digest(), digest)) match = key.caller();
        }
        return Optional.ofNullable(match);
    }

    /**
     * The key id for logs and the {@code api_key_id} metric label, as the reference redacts it: first 6 + "..." +
     * last 3 characters; keys shorter than 12 show only their first 3 (never enough to guess them).
     */
    static String mask(String key) {
        if (key.length() < 12) return key.length() >= 3 ? key.substring(0, 3) + "***" : "***";
        return key.substring(0, 6) + "..." + key.substring(key.length() - 3);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
