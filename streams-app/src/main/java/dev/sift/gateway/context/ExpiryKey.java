package dev.sift.gateway.context;

/**
 * Keys of the expiry index: a time (the start of the purge interval of the conversation's newest event time),
 * fixed-width so that the keys sort by time (negative times too), then the conversation id.
 */
final class ExpiryKey {

    private ExpiryKey() {
    }

    /**
     * @param eventTime the time the conversation is filed under, epoch milliseconds
     * @param conversation its id
     * @return its key in the expiry index
     */
    static String of(long eventTime, String conversation) {
        return time(eventTime) + "/" + conversation;
    }

    /**
     * @param eventTime a time
     * @return a key that sorts after every key of an earlier time and before every key of this time or later
     */
    static String before(long eventTime) {
        return time(eventTime);
    }

    private static String time(long eventTime) {
        // Flipping the sign bit maps signed order onto unsigned order; 20 digits hold every unsigned long.
        String digits = Long.toUnsignedString(eventTime ^ Long.MIN_VALUE);
        return "0".repeat(20 - digits.length()) + digits;
    }
}
