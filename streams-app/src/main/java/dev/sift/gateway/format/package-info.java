/**
 * How the gateway's topics are framed, as configured ({@code sift.formats.*}): which wire formats the snippets
 * topic accepts (Avro single-object, JSON, the schema-registry framing; told apart by their first byte), which format
 * decisions and LLM requests are written in, and the schema registry the registry framing is resolved with. The
 * formats themselves are in {@code dev.sift.schema.serde}.
 */
package dev.sift.gateway.format;
