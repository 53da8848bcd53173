package dev.sift.classifier.bundle;

import java.util.regex.Pattern;

/**
 * What a bundle version may be: it names files and folders in model stores and in every gateway's release cache, and
 * arrives from the releases topic, which anyone able to write to it controls. Only plain ASCII names pass: 1 to 128 of
 * letters, digits, '.', '_' and '-', starting and ending with a letter or digit, without "..". No separator, no
 * drive letter, no NUL, no Unicode look-alike of '.' or '/', nothing a file system reads as special.
 */
public final class BundleVersion {

    /** Longest version accepted. */
    public static final int MAX_LENGTH = 128;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?");

    private BundleVersion() {
    }

    /**
     * @param version a version from anywhere
     * @return whether it is a plain name safe to use as a file name
     */
    public static boolean isValid(String version) {
        return version != null && version.length() <= MAX_LENGTH && PLAIN.matcher(version).matches()
                && !version.contains("..");
    }

    /**
     * @param version a version from anywhere
     * @return the version, when valid
     * @throws IllegalArgumentException naming the rule (not echoing more than a short, printable prefix)
     */
    public static String requireValid(String version) {
        if (!isValid(version)) {
            throw new IllegalArgumentException("invalid version " + printable(version) + ": a version is 1 to "
                    + MAX_LENGTH + " of [A-Za-z0-9._-], starts and ends with a letter or digit and has no '..'");
        }
        return version;
    }

    /**
     * @param untrusted any text from an untrusted source
     * @return at most 40 characters of it, non-printable and non-ASCII characters as '?', quoted; "null" for null
     */
    public static String printable(String untrusted) {
        if (untrusted == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        untrusted.codePoints().limit(40).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.append(untrusted.codePointCount(0, untrusted.length()) > 40 ? "…\"" : "\"").toString();
    }
}
