package dev.sift.gateway.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The header {@link OversizedHeadersInterceptor} puts on a record whose headers it dropped, saying how many headers
 * and bytes the record came with: {@code <count> <bytes>}.
 */
final class HeaderMarker {

    /** Name of the marker header. */
    static final String KEY = "sift.dropped-headers";

    private HeaderMarker() {
    }

    /**
     * @param original the headers the record came with
     * @return the marker's value
     */
    static String value(HeaderSize original) {
        return original.count() + " " + original.bytes();
    }

    /**
     * @param headers a record's headers
     * @return the size the record's headers had before some were dropped; empty when none was dropped; a size of
     *     {@link Integer#MAX_VALUE} headers when the marker is not one the gateway wrote (a producer cannot make its
     *     record pass by writing one)
     */
    static Optional<HeaderSize> originalSize(Headers headers) {
        Header marker = headers.lastHeader(KEY);
        if (marker == null) {
            return Optional.empty();
        }
        byte[] value = marker.value();
        String text = value == null || value.length > 40 ? "" : new String(value, StandardCharsets.UTF_8);
        String[] parts = text.split(" ");
        try {
            return Optional.of(new HeaderSize(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
        } catch (RuntimeException notOurs) {
            return Optional.of(new HeaderSize(Integer.MAX_VALUE, 0));
        }
    }
}
