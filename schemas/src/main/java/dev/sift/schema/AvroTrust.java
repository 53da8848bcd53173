package dev.sift.schema;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes outside a trusted list (when decoding, and when deep-copying records with
 * {@code newBuilder(other)}); Sift's generated records must be on it. Composed with Avro's defaults, so whatever else
 * is trusted stays trusted. Idempotent.
 */
public final class AvroTrust {

    private static volatile boolean done;

    private AvroTrust() {
    }

    /** Trusts the generated records of {@code dev.sift.schema}. */
    public static synchronized void ensure() {
        if (!done) {
            ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                    clazz -> clazz.getName().startsWith("dev.sift.schema.")));
            done = true;
        }
    }
}
