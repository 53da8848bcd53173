/**
 * How a Sift record becomes bytes on a topic and back, without a schema-registry server:
 * {@link dev.sift.schema.serde.AvroSerde} is the Kafka serde of one generated record type over an
 * {@link dev.sift.schema.serde.AvroWireFormat}, by default {@link dev.sift.schema.serde.SingleObjectWireFormat}
 * (Avro single-object encoding), whose readers resolve any known writer schema through the
 * {@link dev.sift.schema.serde.SchemaCatalog}.
 *
 * <p>Records from untrusted producers are bounded before they are decoded: {@link dev.sift.schema.serde.DecodingLimits}
 * says how large a record, a string and its collections may be, and a walk of the bytes against the writer schema
 * refuses what exceeds them, naming the field and the setting; strings that are not valid UTF-8 are refused rather
 * than repaired. The messages of these refusals are the reasons that land in the dead-letter topics.
 *
 * <p>Not here: which serde each topic uses ({@link dev.sift.schema.topic.Topics}), and the gateway's checks of a raw
 * record and of a decoded snippet's fields ({@code dev.sift.gateway.topology}).
 */
package dev.sift.schema.serde;
