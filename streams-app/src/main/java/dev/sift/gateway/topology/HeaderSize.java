package dev.sift.gateway.topology;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * How many headers a record has and how many bytes they take (keys in UTF-8 and values), as the output records that
 * copy them will.
 *
 * @param count number of headers
 * @param bytes their keys' and values' bytes
 */
record HeaderSize(int count, long bytes) {

    /** No headers. */
    static final HeaderSize NONE = new HeaderSize(0, 0);

    /**
     * @param headers a record's headers
     * @return their size
     */
    static HeaderSize of(Headers headers) {
        int count = 0;
        long bytes = 0;
        for (Header header : headers) {
            count++;
            bytes += bytesOf(header);
        }
        return new HeaderSize(count, bytes);
    }

    /**
     * @param header a header
     * @return its key's and value's bytes
     */
    static long bytesOf(Header header) {
        byte[] value = header.value();
        return Utf8.length(header.key()) + (value == null ? 0 : value.length);
    }

    /**
     * @param maxHeaders most headers
     * @param maxBytes most bytes
     * @return whether these headers are beyond either limit
     */
    boolean exceeds(int maxHeaders, long maxBytes) {
        return count > maxHeaders || bytes > maxBytes;
    }
}
