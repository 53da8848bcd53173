package dev.sift.schema.serde;

import org.apache.avro.specific.SpecificRecord;

/**
 * How one record type is framed as bytes on a topic.
 *
 * <p>The default is {@link SingleObjectWireFormat}, which needs no schema-registry server. A registry-backed
 * format (for example Confluent's magic byte + schema id) is another implementation of this interface; the
 * serdes, topics and topology do not change.
 *
 * @param <T> the generated record type
 */
public interface AvroWireFormat<T extends SpecificRecord> {

    /**
     * Encodes one record.
     *
     * @param record the record, never {@code null}
     * @return its bytes on the wire
     */
    byte[] encode(T record);

    /**
     * Decodes one record, resolving the writer's schema against this reader's schema.
     *
     * @param bytes the bytes read from a topic, never {@code null}
     * @return the record
     * @throws org.apache.kafka.common.errors.SerializationException naming what is wrong when the bytes are not a
     *     readable record of this type
     */
    T decode(byte[] bytes);
}
