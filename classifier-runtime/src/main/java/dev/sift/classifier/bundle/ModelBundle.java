package dev.sift.classifier.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model bundle directory whose manifest and file hashes have been verified: the ONNX graph, the tokenizer, the
 * label sets and {@code manifest.json}. Opening never returns a bundle with a missing, extra-modified or corrupt
 * file; the {@link InvalidBundleException} names what is wrong.
 *
 * <p>Whether the graph itself loads and matches the manifest is checked when a classifier is created from it.
 */
public final class ModelBundle {

    private final Path directory;
    private final BundleManifest manifest;

    private ModelBundle(Path directory, BundleManifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    /**
     * Opens and verifies a bundle directory.
     *
     * @param directory the bundle directory
     * @return the verified bundle
     * @throws InvalidBundleException naming what is wrong
     */
    public static ModelBundle open(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidBundleException("model bundle " + directory + " is not a directory");
        }
        BundleManifest manifest = readManifest(directory);
        checkManifest(directory, manifest);
        checkFiles(directory, manifest);
        return new ModelBundle(directory, manifest);
    }

    /**
     * Reads a manifest without verifying anything else.
     *
     * @param directory the bundle directory
     * @return the manifest
     * @throws InvalidBundleException when the manifest is missing or not valid JSON
     */
    public static BundleManifest readManifest(Path directory) {
        Path file = directory.resolve(BundleManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new InvalidBundleException("model bundle " + directory + " has no " + BundleManifest.FILE_NAME);
        }
        try {
            return BundleJson.MAPPER.readValue(file.toFile(), BundleManifest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidBundleException(BundleManifest.FILE_NAME + " of " + directory + " is not a valid"
                    + " manifest: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidBundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkManifest(Path directory, BundleManifest m) {
        List<String> problems = new ArrayList<>();
        if (m.formatVersion() != BundleManifest.FORMAT_VERSION) {
            problems.add("formatVersion " + m.formatVersion() + " is not supported (this runtime reads "
                    + BundleManifest.FORMAT_VERSION + ")");
        }
        if (isBlank(m.version())) {
            problems.add("version is missing");
        }
        if (m.maxTokens() < 2 || m.maxTokens() > 8192) {
            problems.add("maxTokens " + m.maxTokens() + " is outside [2, 8192]");
        }
        if (isBlank(m.modelFile())) {
            problems.add("modelFile is missing");
        }
        if (isBlank(m.tokenizerFile())) {
            problems.add("tokenizerFile is missing");
        }
        if (m.heads().isEmpty()) {
            problems.add("no heads: a bundle needs an '" + BundleManifest.INTENTS + "' or '"
                    + BundleManifest.REPUTATION + "' head");
        }
        m.heads().forEach((role, head) -> {
            if (!role.equals(BundleManifest.INTENTS) && !role.equals(BundleManifest.REPUTATION)) {
                problems.add("unknown head '" + role + "'");
            }
            if (isBlank(head.output())) {
                problems.add("head '" + role + "' names no graph output");
            }
            if (head.labels().isEmpty()) {
                problems.add("head '" + role + "' has no labels");
            }
            if (head.labels().stream().distinct().count() != head.labels().size()) {
                problems.add("head '" + role + "' has duplicate labels");
            }
            if (!"sigmoid".equals(head.activation()) && !"softmax".equals(head.activation())) {
                problems.add("head '" + role + "' activation '" + head.activation()
                        + "' is neither sigmoid nor softmax");
            }
        });
        m.reputation().ifPresent(head -> {
            if (!head.labels().equals(List.of("negative", "neutral", "positive"))) {
                problems.add("reputation labels must be [negative, neutral, positive], got " + head.labels());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidBundleException("invalid manifest in " + directory + ": " + String.join("; ", problems));
        }
    }

    private static void checkFiles(Path directory, BundleManifest m) {
        for (String required : List.of(m.modelFile(), m.tokenizerFile())) {
            if (!m.files().containsKey(required)) {
                throw new InvalidBundleException("manifest of " + directory + " lists no hash for " + required);
            }
        }
        for (Map.Entry<String, String> entry : m.files().entrySet()) {
            Path file = directory.resolve(entry.getKey()).normalize();
            if (!file.startsWith(directory.normalize())) {
                throw new InvalidBundleException("manifest names a file outside the bundle: " + entry.getKey());
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidBundleException("file " + entry.getKey() + " of bundle " + m.version()
                        + " is missing");
            }
            String actual = Sha256.ofFile(file);
            if (!actual.equalsIgnoreCase(entry.getValue())) {
                throw new InvalidBundleException("file " + entry.getKey() + " of bundle " + m.version()
                        + " is corrupt or was modified: sha256 " + actual + ", manifest says " + entry.getValue());
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** @return the bundle directory */
    public Path directory() {
        return directory;
    }

    /** @return the verified manifest */
    public BundleManifest manifest() {
        return manifest;
    }

    /** @return the bundle version */
    public String version() {
        return manifest.version();
    }

    /** @return the ONNX graph */
    public Path modelFile() {
        return directory.resolve(manifest.modelFile());
    }

    /** @return the tokenizer definition */
    public Path tokenizerFile() {
        return directory.resolve(manifest.tokenizerFile());
    }

    /**
     * @param name a file of the bundle
     * @return its path
     */
    public Path file(String name) {
        return directory.resolve(name);
    }

    @Override
    public String toString() {
        return "ModelBundle[" + manifest.version() + " at " + directory + "]";
    }
}
