/**
 * What a model release's signature covers: the canonical, versioned byte form of a {@link dev.sift.schema.ModelRelease}
 * that model-ops signs and every gateway verifies. It lives beside the Avro schema because it is part of the wire
 * contract: a field added to the schema is not protected until the signed form covers it.
 */
package dev.sift.schema.release;
