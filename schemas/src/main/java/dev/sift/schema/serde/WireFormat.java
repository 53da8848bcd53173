package dev.sift.schema.serde;

import java.util.Optional;

/**
 * The ways a record can be framed on a topic. The first byte tells them apart, so one topic may carry several:
 * {@code C3} for Avro single-object encoding, {@code 00} for the schema-registry framing, and JSON text, which Sift
 * reads only as one object, starts with <code>{</code> (whitespace before it is not accepted: the first byte decides).
 */
public enum WireFormat {

    /**
     * Avro single-object encoding: {@code C3 01}, the writer schema's 8-byte CRC-64-AVRO fingerprint
     * (little-endian), the binary record. Needs no server: readers know every version of Sift's schemas.
     */
    AVRO_SINGLE_OBJECT((byte) 0xC3, "Avro single-object (C3 01 + 8-byte fingerprint)"),

    /**
     * The schema-registry framing: {@code 00}, the writer schema's 4-byte id in the registry (big-endian), the
     * binary record. Readers fetch the writer schema by id from a registry speaking the Confluent REST API.
     */
    AVRO_REGISTRY((byte) 0x00, "schema registry (00 + 4-byte schema id)"),

    /**
     * One JSON object of the record's fields, with the types of the published JSON Schema
     * ({@code dev/sift/schema/json/*.schema.json}): strings, integers, enums as their symbol, a nullable field as
     * {@code null} or its value, maps as objects, timestamps as integer epoch milliseconds.
     */
    JSON((byte) '{', "JSON object");

    private final byte marker;
    private final String description;

    WireFormat(byte marker, String description) {
        this.marker = marker;
        this.description = description;
    }

    /** @return the first byte of every record in this format */
    public byte marker() {
        return marker;
    }

    /** @return how reasons and documentation name this format */
    public String description() {
        return description;
    }

    /**
     * @param bytes a record's value
     * @return the format its first byte announces, if any
     */
    public static Optional<WireFormat> announcedBy(byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        for (WireFormat format : values()) {
            if (format.marker == bytes[0]) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
