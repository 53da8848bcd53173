package dev.sift.schema.serde;

/**
 * What one record read from an untrusted topic may expand to, checked on its bytes before anything is decoded.
 *
 * <p>Avro's binary encoding is compact where Java objects are not: an empty string in an array costs one byte on
 * the wire and a few dozen bytes of heap once decoded, and a collection announces its item count before its items,
 * which Avro's reader uses to size its arrays. Without limits, one record of a few megabytes decodes to hundreds of
 * megabytes. With them, a record's decoded size is bounded by the limits, whatever its writer wrote.
 *
 * @param maxRecordBytes largest record, in bytes on the wire
 * @param maxStringBytes largest string (or bytes value), in bytes
 * @param maxCollectionItems most items in one array or map
 * @param maxTotalItems most items in all the arrays and maps of one record together
 * @param settingsPrefix how the reader's configuration names these limits, quoted in refusal reasons: the prefix
 *     of {@code max-record-bytes}, {@code max-string-bytes}, {@code max-collection-items}, {@code max-total-items}
 *     (for example {@code sift.input.}); empty to quote the bare names
 */
public record DecodingLimits(int maxRecordBytes, int maxStringBytes, int maxCollectionItems, int maxTotalItems,
        String settingsPrefix) {

    /**
     * The limits of every reader that sets none: records up to 8 MiB (the largest a snippets topic was ever created
     * for), strings up to 1 MiB, 10,000 items in a collection and 100,000 in a record. No
     * record of Sift's schemas comes near them when written by Sift; a record beyond them is not one Sift wrote.
     */
    public static final DecodingLimits DEFAULTS = new DecodingLimits(8 * 1024 * 1024, 1024 * 1024, 10_000, 100_000,
            "");

    /**
     * No limit: for records a process reads back from its own state (a state store's changelog), which it wrote
     * after checking them with its own, possibly larger, limits.
     */
    public static final DecodingLimits OWN_STATE = new DecodingLimits(Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE, "");

    /** Checks the limits. */
    public DecodingLimits {
        if (maxRecordBytes < 1 || maxStringBytes < 1 || maxCollectionItems < 1 || maxTotalItems < 1) {
            throw new IllegalArgumentException("decoding limits must be positive: " + maxRecordBytes + ", "
                    + maxStringBytes + ", " + maxCollectionItems + ", " + maxTotalItems);
        }
        if (settingsPrefix == null) {
            throw new IllegalArgumentException("the settings prefix may be empty, not null");
        }
    }

    /**
     * @param name a limit's bare name, e.g. {@code max-string-bytes}
     * @return the name the reader's configuration gives it
     */
    String setting(String name) {
        return settingsPrefix + name;
    }
}
