package dev.sift.modelops.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads JSON Lines (one JSON object per line, blank lines skipped), naming the line of any bad record. */
public final class JsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** Receives each record. */
    public interface RecordHandler {
        /**
         * @param node the parsed line
         * @throws IllegalArgumentException when the record is invalid (its line is added to the message)
         */
        void accept(JsonNode node);
    }

    /**
     * @param name the source's name, for messages
     * @param in the content
     * @param handler receives each record
     */
    public static void read(String name, InputStream in, RecordHandler handler) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(name + " line " + number + " is not JSON: " + e.getMessage());
                }
                try {
                    handler.accept(node);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + " line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
