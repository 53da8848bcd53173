package dev.sift.modelops.dataset;

import java.util.List;
import java.util.Locale;

/** The reputation classes, in the order every bundle uses. */
public final class Polarities {

    /** {@code negative}, {@code neutral}, {@code positive}. */
    public static final List<String> ALL = List.of("negative", "neutral", "positive");

    private Polarities() {
    }

    /**
     * @param raw a label as written in a data set
     * @return the normalized polarity, or {@code null} for blank input
     * @throws IllegalArgumentException for anything else
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String p = raw.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "negative", "neg", "-1" -> "negative";
            case "neutral", "neu", "0" -> "neutral";
            case "positive", "pos", "1", "+1" -> "positive";
            default -> throw new IllegalArgumentException("unknown polarity '" + raw + "'");
        };
    }
}
