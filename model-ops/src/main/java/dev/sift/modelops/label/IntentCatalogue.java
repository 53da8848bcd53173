package dev.sift.modelops.label;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The intents the teacher may label, each with the description the prompt gives it, plus optional guidelines for the
 * boundaries between them. Ops edit it as a YAML file (JSON is valid YAML too); it may name intents the deployed
 * model does not know yet, which become outputs of a later model once they have enough examples.
 *
 * <pre>
 * intents:
 *   - name: complaint
 *     description: The writer expresses dissatisfaction with ...
 * guidelines:
 *   - "complaint vs. a plain problem report: ..."
 * </pre>
 */
public final class IntentCatalogue {

    /** What an intent name looks like: the label files and the feedback topic carry it as is. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final int MAX_INTENTS = 200;
    private static final int MAX_TEXT = 2000;
    private static final String DEFAULT_RESOURCE = "default-catalogue.yml";

    private final Map<String, Intent> intents;
    private final List<String> guidelines;

    /**
     * One intent of the catalogue.
     *
     * @param name its name, e.g. {@code complaint}
     * @param description what it means, for the teacher
     */
    public record Intent(String name, String description) {
    }

    private IntentCatalogue(Map<String, Intent> intents, List<String> guidelines) {
        this.intents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(intents));
        this.guidelines = List.copyOf(guidelines);
    }

    /**
     * @return the catalogue shipped with model-ops: the starter set's 14 intents and a few the default model does not
     *     know yet
     */
    public static IntentCatalogue defaults() {
        try (InputStream in = IntentCatalogue.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default intent catalogue is missing from the classpath");
            }
            return parse(in, "the default catalogue");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a catalogue file (YAML or JSON)
     * @return the catalogue
     * @throws IllegalArgumentException naming the file and the problem when it is not a valid catalogue
     */
    public static IntentCatalogue load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the intent catalogue " + file, e);
        }
    }

    /**
     * @param in catalogue text (YAML or JSON)
     * @param source where it comes from, for error messages
     * @return the catalogue
     * @throws IllegalArgumentException naming the source and the problem
     */
    public static IntentCatalogue parse(InputStream in, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1024 * 1024);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(in);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("intents") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(source + ": expected a non-empty list under 'intents'");
        }
        if (list.size() > MAX_INTENTS) {
            throw new IllegalArgumentException(source + ": at most " + MAX_INTENTS + " intents");
        }
        Map<String, Intent> intents = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException(source + ": intent " + (i + 1) + " is not a name and a description");
            }
            String name = text(entry.get("name"), source, "intent " + (i + 1) + " name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(source + ": intent name '" + name
                        + "' must be lower case letters, digits and underscores, starting with a letter");
            }
            String description = text(entry.get("description"), source, "description of " + name);
            if (intents.put(name, new Intent(name, description)) != null) {
                throw new IllegalArgumentException(source + ": intent " + name + " is listed twice");
            }
        }
        List<String> guidelines = new ArrayList<>();
        Object rules = top.get("guidelines");
        if (rules instanceof List<?> given) {
            for (Object rule : given) {
                guidelines.add(text(rule, source, "guideline " + (guidelines.size() + 1)));
            }
        } else if (rules != null) {
            throw new IllegalArgumentException(source + ": 'guidelines' must be a list of texts");
        }
        return new IntentCatalogue(intents, guidelines);
    }

    private static String text(Object value, String source, String what) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(source + ": " + what + " must be a non-blank text");
        }
        if (s.length() > MAX_TEXT) {
            throw new IllegalArgumentException(source + ": " + what + " is longer than " + MAX_TEXT + " characters");
        }
        return s.strip();
    }

    /** @return the intents, in catalogue order */
    public List<Intent> intents() {
        return List.copyOf(intents.values());
    }

    /** @return the intent names, in catalogue order */
    public List<String> names() {
        return List.copyOf(intents.keySet());
    }

    /** @return guidelines for the boundaries between intents, possibly empty */
    public List<String> guidelines() {
        return guidelines;
    }

    /**
     * The catalogue intent a teacher's answer names. Case and surrounding spaces do not matter, and a space or hyphen
     * stands for an underscore ({@code "Refund request"} is {@code refund_request}); anything else is not in the
     * catalogue.
     *
     * @param answered an intent name as a teacher wrote it
     * @return the catalogue's name for it, when it is one
     */
    public Optional<String> canonical(String answered) {
        String key = answered.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return intents.containsKey(key) ? Optional.of(key) : Optional.empty();
    }
}
