package dev.sift.schema.serde;

import java.util.EnumSet;
import java.util.Set;

/**
 * How one topic's records are framed: the formats its readers accept (told apart by their first byte), the format
 * its writers write, and what JSON readers do with unknown fields.
 *
 * @param accepted the formats read; at least one
 * @param written the format written
 * @param unknownJsonFields what a JSON reader does with a field the record type does not have
 */
public record TopicFormat(Set<WireFormat> accepted, WireFormat written, UnknownJsonFields unknownJsonFields) {

    /** Avro single-object encoding only, both ways: what every Sift topic uses unless configured otherwise. */
    public static final TopicFormat SINGLE_OBJECT = new TopicFormat(EnumSet.of(WireFormat.AVRO_SINGLE_OBJECT),
            WireFormat.AVRO_SINGLE_OBJECT, UnknownJsonFields.REFUSE);

    /** Checks the format: something accepted, and a written format that needs no registry. */
    public TopicFormat {
        if (accepted == null || accepted.isEmpty()) {
            throw new IllegalArgumentException("a topic must accept at least one wire format");
        }
        accepted = Set.copyOf(accepted);
        if (written == null || written == WireFormat.AVRO_REGISTRY) {
            throw new IllegalArgumentException("records are written as " + WireFormat.AVRO_SINGLE_OBJECT + " or "
                    + WireFormat.JSON + ", not " + written + ": Sift registers no schemas in a registry");
        }
        if (unknownJsonFields == null) {
            throw new IllegalArgumentException("unknownJsonFields may not be null");
        }
    }

    /**
     * @param written the format written
     * @return this topic's format, writing records as {@code written}
     */
    public TopicFormat writing(WireFormat written) {
        return new TopicFormat(accepted, written, unknownJsonFields);
    }
}
