package dev.sift.gateway.topology;

import org.apache.kafka.streams.processor.api.Record;

/**
 * The first of the gateway's input checks, on the record as it came, before anything is decoded: the value's size,
 * the headers' count and size (the outputs copy them), and the key's size. What fails goes to the dead-letter topic
 * with a reason naming the setting.
 */
final class RawRecordCheck {

    private final InputLimits limits;

    /**
     * @param limits what is accepted
     */
    RawRecordCheck(InputLimits limits) {
        this.limits = limits;
    }

    /**
     * @param record a snippet record as read
     * @throws UnreadableSnippetException naming the limit it exceeds
     */
    void check(Record<String, byte[]> record) {
        byte[] value = record.value();
        if (value != null && value.length > limits.maxRecordBytes()) {
            throw new UnreadableSnippetException("record of " + value.length + " bytes, more than "
                    + InputLimits.PREFIX + "max-record-bytes (" + limits.maxRecordBytes() + "): refused before"
                    + " decoding");
        }
        // The larger of what the record came with (when headers were dropped) and what it has: a producer's own
        // marker header cannot make a record pass.
        HeaderSize present = HeaderSize.of(record.headers());
        HeaderSize headers = HeaderMarker.originalSize(record.headers())
                .map(original -> new HeaderSize(Math.max(original.count(), present.count()),
                        Math.max(original.bytes(), present.bytes())))
                .orElse(present);
        if (headers.count() > limits.maxHeaders()) {
            throw new UnreadableSnippetException("record has " + count(headers.count()) + " headers, more than "
                    + InputLimits.PREFIX + "max-headers (" + limits.maxHeaders() + ")");
        }
        if (headers.bytes() > limits.maxHeadersBytes()) {
            throw new UnreadableSnippetException("record has " + headers.bytes() + " bytes of headers, more than "
                    + InputLimits.PREFIX + "max-headers-bytes (" + limits.maxHeadersBytes() + ")");
        }
        long keyBytes = Utf8.length(record.key());
        if (keyBytes > limits.maxIdBytes()) {
            throw new UnreadableSnippetException("record key of " + keyBytes + " bytes, more than "
                    + InputLimits.PREFIX + "max-id-bytes (" + limits.maxIdBytes() + "): the key is the"
                    + " conversation id");
        }
    }

    private static String count(int headers) {
        return headers == Integer.MAX_VALUE ? "an unknown number of" : Integer.toString(headers);
    }
}
