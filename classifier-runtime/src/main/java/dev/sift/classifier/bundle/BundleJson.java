package dev.sift.classifier.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON mapping of a bundle's files (manifest, golden set): ISO-8601 instants, indented output. */
public final class BundleJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private BundleJson() {
    }

    /** @return a writer of a bundle's JSON files (immutable), for model-ops, which writes bundles */
    public static ObjectWriter writer() {
        return MAPPER.writer();
    }
}
