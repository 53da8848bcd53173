package dev.sift.schema.serde;

/** What a JSON reader does with a field its record type does not have. */
public enum UnknownJsonFields {

    /** Refuses the record, naming the field: a typo in a field name is caught at the producer's first record. */
    REFUSE,

    /** Skips the field (its value is still parsed within the limits): for producers that send extra fields. */
    IGNORE
}
