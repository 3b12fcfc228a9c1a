package io.consoul.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests; SHA-1 matches Redis's own {@code redis.sha1hex} and script SHAs. */
public final class Hashing {
    private Hashing() {}

    public static String sha1Hex(String text) {
        return digest("SHA-1", text);
    }

    public static String sha256Hex(String text) {
        return digest("SHA-256", text);
    }

    private static String digest(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
