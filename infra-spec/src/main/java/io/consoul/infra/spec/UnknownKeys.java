package io.consoul.infra.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keys set in the {@code consoul:} namespace that the spec does not read: each is a problem naming the nearest known
 * key, because a misspelt key ({@code consoul:minReplica}) would otherwise be ignored and its default deployed.
 * Values are never shown: an unknown key may well be a misspelt secret.
 */
final class UnknownKeys {
    /** A suggestion farther than this many edits is noise, not a typo. */
    private static final int MAX_EDITS = 3;

    private UnknownKeys() {
    }

    /** One problem per key in {@code present} that is not in {@code known}, in key order. */
    static List<String> problems(Set<String> present, Set<String> known) {
        return new TreeSet<>(present).stream()
                .filter(key -> !known.contains(key))
                .map(key -> nearest(key, known)
                        .map(near -> "consoul:" + key + " is not a Consoul setting: did you mean consoul:" + near
                                + "? Rename or remove it")
                        .orElseGet(() -> "consoul:" + key + " is not a Consoul setting: remove it; the settings are "
                                + String.join(", ", new TreeSet<>(known))))
                .toList();
    }

    /**
     * The known key fewest edits away (letter case ignored), if it is close enough to be a typo: at most a third of
     * the key's length and at most {@link #MAX_EDITS} edits; ties go to the alphabetically first.
     */
    static Optional<String> nearest(String key, Set<String> known) {
        int allowed = Math.min(MAX_EDITS, Math.max(1, key.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(known)) {
            int distance = levenshtein(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Insertions, deletions and substitutions that turn {@code a} into {@code b} (two rows of the classic table). */
    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
