package io.consoul.cli.switching;

import java.util.Optional;
import java.util.regex.Pattern;

/** The version an image's tag names, to compare with the version the running app reports. */
final class ImageTag {
    /** 1.2.3, v1.2, 1.2.3-rc.1: tags like latest, main or a digest name no version. */
    private static final Pattern VERSION = Pattern.compile("v?\\d+(\\.\\d+)*([-+][0-9A-Za-z.-]+)?");

    private ImageTag() {
    }

    /** {@code ghcr.io/consoul/consoul:1.1.0} → 1.1.0; a digest, {@code latest} or no tag → empty. */
    static Optional<String> version(String image) {
        if (image == null || image.contains("@")) {
            return Optional.empty();
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return Optional.empty();
        }
        String tag = image.substring(colon + 1);
        return VERSION.matcher(tag).matches() ? Optional.of(tag) : Optional.empty();
    }

    static boolean sameVersion(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String version) {
        return version.startsWith("v") ? version.substring(1) : version;
    }
}
