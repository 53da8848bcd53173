package dev.sift.gateway.topology;

/**
 * The most bytes a record takes in a Kafka record batch of its own: what a topic's {@code max.message.bytes} is
 * compared with. An upper bound: the batch header, and each variable-length field at its widest.
 */
final class RecordSize {

    /** Record batch header (magic v2). */
    private static final int BATCH_OVERHEAD = 61;
    /** Record length, attributes, timestamp and offset deltas, key and value lengths, header count, at their widest. */
    private static final int RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 5 + 5 + 5;
    /** A header's key and value lengths, at their widest. */
    private static final int HEADER_OVERHEAD = 5 + 5;

    private RecordSize() {
    }

    /**
     * @param keyBytes key length
     * @param valueBytes value length
     * @param headers the headers' count and bytes
     * @return the record's size in a batch, at most
     */
    static long upperBound(long keyBytes, long valueBytes, HeaderSize headers) {
        return BATCH_OVERHEAD + RECORD_OVERHEAD + keyBytes + valueBytes + headers.bytes()
                + (long) HEADER_OVERHEAD * headers.count();
    }
}
