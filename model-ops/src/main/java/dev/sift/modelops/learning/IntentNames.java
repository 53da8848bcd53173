package dev.sift.modelops.learning;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an intent name may be once it reaches a data set, a label file and a release: lower-case letters, digits and
 * underscores, at most {@value #MAX_LENGTH} characters, read like the labeler's catalogue reads answers (case ignored,
 * spaces and hyphens as underscores).
 */
public final class IntentNames {

    /** Longest intent name. */
    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_]{0," + (MAX_LENGTH - 1) + "}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");

    private IntentNames() {
    }

    /**
     * @param raw a name as written in a record
     * @return the canonical name, or empty when it cannot be one
     */
    public static Optional<String> canonical(String raw) {
        if (raw == null || raw.length() > 4 * MAX_LENGTH) {
            return Optional.empty();
        }
        String name = SEPARATORS.matcher(raw.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
        return VALID.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}
