package io.consoul.infra.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * Blue-green on platforms where a service has ONE template and every template change leaves a new, immutable revision
 * behind (Cloud Run, Container Apps). A declarative program can declare only one template per update, so:
 * <ul>
 *   <li>a revision is named after its image and the rest of its template ({@link #revisionId(Color)}): two colours
 *       on the same image share one revision, and the name never depends on {@code activeColor};</li>
 *   <li>the template carries the newer of the two images ({@link #templateColor()}), the one a release just set, so
 *       it is materialised; the other colour's revision already exists from an earlier update;</li>
 *   <li>traffic names both revisions, tagged by colour, 100 % on the active one ({@link #percent(Color)}): a switch
 *       changes only those percentages, and an image change of the idle colour never moves traffic.</li>
 * </ul>
 * Limits (docs/deploying.md): releases move images forward (the newer image is the template); a change to the rest of
 * the template while the colours run different images renames both revisions but can materialise only one.
 */
public final class RevisionPlan {
    /** Hex characters of the digest in a revision name: collisions are negligible and names stay short. */
    static final int ID_LENGTH = 10;

    private final DeploymentSpec spec;
    private final String templateFingerprint;

    private RevisionPlan(DeploymentSpec spec) {
        this.spec = spec;
        this.templateFingerprint = fingerprint(spec);
    }

    public static RevisionPlan of(DeploymentSpec spec) {
        return new RevisionPlan(spec);
    }

    /** The id of the revision serving a colour: a digest of its image and every other template setting. */
    public String revisionId(Color color) {
        return digest(spec.image(color) + "\n" + templateFingerprint);
    }

    /** The colour whose revision this update's template declares: the newer image (blue when both are the same). */
    public Color templateColor() {
        int order = compareVersions(spec.image(Color.GREEN), spec.image(Color.BLUE));
        return order > 0 ? Color.GREEN : Color.BLUE;
    }

    /** Share of production traffic: all of it on the active colour, none on the idle one (reached by its tag). */
    public int percent(Color color) {
        return color == spec.activeColor() ? 100 : 0;
    }

    /**
     * Natural order of image references, numbers compared as numbers: {@code app:1.10.0} is newer than
     * {@code app:1.9.2}. Digests and unrelated names still get a fixed, if arbitrary, order.
     */
    static int compareVersions(String a, String b) {
        String[] left = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] right = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int order = isNumber(left[i]) && isNumber(right[i])
                    ? new java.math.BigInteger(left[i]).compareTo(new java.math.BigInteger(right[i]))
                    : left[i].compareTo(right[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** Everything in a template besides the image; deliberately not the active colour. */
    private static String fingerprint(DeploymentSpec spec) {
        return String.join("\n", spec.cloud().key(), spec.size().key(), spec.scaling().toString(),
                new TreeMap<>(spec.plainEnv()).toString(), new java.util.TreeSet<>(spec.secrets().keySet()).toString(),
                spec.redis().mode().key(), HealthChecks.LIVENESS.toString(), HealthChecks.READINESS.toString());
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
