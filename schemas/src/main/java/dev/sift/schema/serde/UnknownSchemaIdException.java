package dev.sift.schema.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The schema registry has no schema of an id a record names: the record's reason in the dead-letter topic. */
public final class UnknownSchemaIdException extends SerializationException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the reason, naming the id
     */
    public UnknownSchemaIdException(String message) {
        super(message);
    }
}
