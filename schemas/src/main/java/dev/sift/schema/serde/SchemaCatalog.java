package dev.sift.schema.serde;

import dev.sift.schema.ConversationContext;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.PendingSnippet;
import dev.sift.schema.PolicyChange;
import dev.sift.schema.SnippetFeedback;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema version this build can read, by its 64-bit Rabin fingerprint: the current schemas of the generated
 * classes, the older versions kept under {@code dev/sift/schema/history/}, and any added at run time (for example
 * newer versions published by a producer that upgraded first).
 *
 * <p>Each schema is filed under the fingerprint of its Parsing Canonical Form and under those of the forms other
 * libraries write for the same schema ({@link CanonicalFormQuirk}), so a producer whose library computes the
 * canonical form its own way is still read; a schema that really differs matches none of them.
 *
 * <p>This is the "schema store" of Avro single-object encoding: with it a gateway resolves records written with
 * any known version, without a schema-registry server. Thread-safe.
 */
public final class SchemaCatalog implements SchemaStore {

    private static final String HISTORY = "dev/sift/schema/history/";
    private static final List<Schema> CURRENT = List.of(
            ConversationSnippet.getClassSchema(),
            FilterDecision.getClassSchema(),
            LlmRequest.getClassSchema(),
            ModelRelease.getClassSchema(),
            FilterPolicy.getClassSchema(),
            PolicyChange.getClassSchema(),
            SnippetFeedback.getClassSchema(),
            PendingSnippet.getClassSchema(),
            ConversationContext.getClassSchema());

    private static final SchemaCatalog BUILT_IN = withBuiltInSchemas();

    private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

    /** Creates an empty catalog; most callers want {@link #builtIn()}. */
    public SchemaCatalog() {
    }

    /**
     * The shared catalog with every current and historical schema shipped in this jar.
     *
     * @return the built-in catalog
     */
    public static SchemaCatalog builtIn() {
        return BUILT_IN;
    }

    private static SchemaCatalog withBuiltInSchemas() {
        SchemaCatalog catalog = new SchemaCatalog();
        CURRENT.forEach(catalog::add);
        for (String file : historyFiles()) {
            try (InputStream in = resource(HISTORY + file)) {
                catalog.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read historical schema " + file, e);
            }
        }
        return catalog;
    }

    private static List<String> historyFiles() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(resource(HISTORY + "index.txt"), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema history index", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }

    /**
     * Adds a schema version.
     *
     * @param schema a record schema
     * @return this catalog
     */
    public SchemaCatalog add(Schema schema) {
        byFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), schema);
        for (CanonicalFormQuirk quirk : CanonicalFormQuirk.values()) {
            byFingerprint.putIfAbsent(fingerprint(quirk.parsingForm(schema)), schema);
        }
        return this;
    }

    /**
     * @param parsingForm a schema's Parsing Canonical Form, as some library wrote it
     * @return its CRC-64-AVRO fingerprint, as single-object encoding carries it
     */
    public static long fingerprint(String parsingForm) {
        return SchemaNormalization.fingerprint64(parsingForm.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds every {@code .avsc} file of a directory (for example a store of schemas written by newer producers).
     *
     * @param directory a directory of Avro schema files
     * @return this catalog
     */
    public SchemaCatalog addDirectory(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
                add(new Schema.Parser().parse(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schemas from " + directory, e);
        }
        return this;
    }

    /**
     * Every version, each once (the catalog also files each under the fingerprints of its
     * {@link CanonicalFormQuirk}s).
     *
     * @return the distinct schemas
     */
    private Collection<Schema> distinct() {
        return byFingerprint.values().stream().distinct().toList();
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /**
     * Looks a schema up by fingerprint.
     *
     * @param fingerprint a CRC-64-AVRO parsing fingerprint
     * @return the schema, if known
     */
    public Optional<Schema> find(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /**
     * Every known version.
     *
     * @return the schemas
     */
    public Collection<Schema> schemas() {
        return distinct();
    }
}
