package dev.sift.gateway.topology;

/** UTF-8 lengths of Java strings, counted without encoding them: refusing a huge field must not copy it first. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * @param text a string, or null
     * @return its length in UTF-8 bytes (0 for null; a lone surrogate counts as the 3 bytes of its replacement)
     */
    static long length(CharSequence text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * A value as a reason may quote it: what the producer wrote may be megabytes long.
     *
     * @param value a value from a record
     * @return the value, or its first 64 characters and how long it is
     */
    static String quoted(String value) {
        int shown = 64;
        return value.length() <= shown ? value
                : value.substring(0, shown) + "... (" + value.length() + " characters)";
    }
}
