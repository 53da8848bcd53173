package dev.sift.schema.serde;

import org.apache.avro.Schema;

/**
 * Where the writer schemas of records in the {@link WireFormat#AVRO_REGISTRY} framing are found, by id.
 * {@link HttpSchemaRegistry} asks a registry server; {@link CachedSchemaRegistry} bounds what a flood of ids costs it.
 */
public interface SchemaRegistry {

    /**
     * @param id the schema id a record's framing names
     * @return the writer schema
     * @throws UnknownSchemaIdException when the registry has no schema of that id
     * @throws org.apache.kafka.common.errors.SerializationException when it cannot be asked or answers nonsense
     */
    Schema writerSchema(int id);
}
