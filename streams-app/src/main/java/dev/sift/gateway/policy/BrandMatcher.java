package dev.sift.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds which watched brands a snippet is about: from the platform's brand hints, or named in the text (whole words,
 * case-insensitive, also as {@code @handle} without spaces).
 */
public final class BrandMatcher {

    private BrandMatcher() {
    }

    /**
     * @param watched watched brands; empty means "any brand hint"
     * @param hints the platform's brand hints
     * @param text the snippet text
     * @return the watched brands the snippet mentions, in watched order
     */
    public static List<String> mentioned(List<String> watched, List<String> hints, String text) {
        if (watched.isEmpty()) {
            return List.copyOf(hints);
        }
        List<String> found = new ArrayList<>();
        String lowerText = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (String brand : watched) {
            String b = brand.toLowerCase(Locale.ROOT);
            boolean hinted = hints.stream().anyMatch(h -> h.equalsIgnoreCase(brand)
                    || normalize(h).equals(normalize(brand)));
            if (hinted || containsWord(lowerText, b) || lowerText.contains("@" + normalize(brand))) {
                found.add(brand);
            }
        }
        return found;
    }

    private static String normalize(String brand) {
        return brand.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static boolean containsWord(String text, String phrase) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }
}
