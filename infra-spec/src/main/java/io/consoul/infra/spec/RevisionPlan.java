package io.consoul.infra.spec;

import com.pulumi.core.Output;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * The name must change exactly when the template does: a setting outside the template that renamed the revision would
 * point the other colour at a revision that was never created ("Revision … does not exist"), and a template change
 * under an old name is refused (409 "already exists"). So the digest covers every template input — the cloud-neutral
 * ones here ({@link #templateInputs(DeploymentSpec)}) and the cloud's own (network, identity, CA certificates), which
 * the translator passes in — and nothing else: not the autoscaling targets or cooldowns, not the active colour.
 * Limits (docs/deploying.md): releases move images forward (the newer image is the template); a change to the rest of
 * the template while the colours run different images renames both revisions but can materialise only one.
 */
public final class RevisionPlan {
    /** Hex characters of the digest in a revision name: collisions are negligible and names stay short. */
    static final int ID_LENGTH = 10;

    private final DeploymentSpec spec;
    private final Output<String> templateFingerprint;

    private RevisionPlan(DeploymentSpec spec, Output<String> cloudTemplateInputs) {
        this.spec = spec;
        String neutral = templateInputs(spec);
        this.templateFingerprint = cloudTemplateInputs.applyValue(cloud -> neutral + "\n" + cloud);
    }

    /**
     * @param cloudTemplateInputs every template input the cloud adds to the spec's (values the provider computes, such
     *                            as a subnet id or a CA certificate), as one text; {@code Output.of("")} if none
     */
    public static RevisionPlan of(DeploymentSpec spec, Output<String> cloudTemplateInputs) {
        return new RevisionPlan(spec, cloudTemplateInputs);
    }

    /**
     * The id of the revision serving a colour: a digest of its image, its own minimum ({@code <colour>MinReplicas})
     * and every other template input.
     */
    public Output<String> revisionId(Color color) {
        String own = spec.image(color) + "\nmin=" + spec.scaling().minReplicas(color);
        return templateFingerprint.applyValue(rest -> digest(own + "\n" + rest));
    }

    /** The colour whose revision this update's template declares: the newer image (blue when both are the same). */
    public Color templateColor() {
        return templateColor(spec.image(Color.BLUE), spec.image(Color.GREEN));
    }

    /** The colour with the newer of two images (blue when they are the same): the one an update can give a revision. */
    public static Color templateColor(String blueImage, String greenImage) {
        return compareVersions(greenImage, blueImage) > 0 ? Color.GREEN : Color.BLUE;
    }

    /**
     * Whether an update may give {@code color} a minimum of its own ({@code consoul:<color>MinReplicas} other than
     * {@code minReplicas}): always where colours are services; where they are revisions only for the colour with the
     * newer image, since a colour's minimum is part of its revision and an update creates only the template's revision.
     * The one statement of the rule: {@link SpecValidator} refuses by it, the CLI's switch plans by it. Unknown images
     * (null) decide nothing.
     */
    public static boolean ownMinimumAllowed(Cloud cloud, Color color, String blueImage, String greenImage) {
        return cloud == null || !cloud.colorsAreRevisions() || blueImage == null || greenImage == null
                || templateColor(blueImage, greenImage) == color;
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

    /**
     * What the spec puts in a revision template besides the image: the container's size (the cloud's shape of it
     * follows from the cloud and the size), its concurrency and replica range, its plain environment, the names of its
     * secret variables (values live outside the template: Secret Manager "latest", Container App secrets), and its
     * probes and drain. Deliberately not the active colour, the CPU target or the cooldowns.
     */
    static String templateInputs(DeploymentSpec spec) {
        Scaling s = spec.scaling();
        TreeSet<String> secretNames = new TreeSet<>(List.of(RedisEnv.SESSION_URL, RedisEnv.RATE_LIMIT_URL));
        spec.secrets().keySet().forEach(secret -> secretNames.add(secret.envVar()));
        return String.join("\n", spec.cloud().key(), spec.size().limits().toString(),
                "concurrency=" + s.concurrency(), "maxReplicas=" + s.maxReplicas(),
                new TreeMap<>(spec.plainEnv()).toString(), secretNames.toString(),
                HealthChecks.LIVENESS.toString(), HealthChecks.READINESS.toString(), HealthChecks.STARTUP.toString());
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
