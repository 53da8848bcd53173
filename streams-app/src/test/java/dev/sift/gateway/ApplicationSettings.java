package dev.sift.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sift.gateway.config.KafkaClientSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.yaml.snakeyaml.Yaml;

/**
 * The settings a Sift application has, to check the environment a container gives it: the properties its
 * configuration classes declare (Micronaut's configuration metadata, its own and its libraries'), the keys and the
 * environment placeholders of its YAML configuration, and Kafka's client and Streams settings under {@code kafka.*}.
 * An environment variable names a setting when Micronaut would map it to one ({@code SIFT_MODEL_OPS_TOKEN} to
 * {@code sift.model-ops.token}: each {@code _} is a dot or a dash).
 */
final class ApplicationSettings {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Set<String> KAFKA_CLIENT = kafkaClientSettings();
    private static final Set<String> PROCESS = Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");

    private final String name;
    private final Set<String> properties;
    private final Set<String> placeholders;

    private ApplicationSettings(String name, Set<String> properties, Set<String> placeholders) {
        this.name = name;
        this.properties = properties;
        this.placeholders = placeholders;
    }

    /**
     * @param application a class of the application's own module
     * @param yaml its configuration file on the classpath
     * @param otherApplications classes of the other Sift applications, whose settings are not this one's
     * @return its settings
     */
    static ApplicationSettings of(Class<?> application, String yaml, Class<?>... otherApplications) {
        Set<Path> others = new HashSet<>();
        for (Class<?> other : otherApplications) {
            others.add(home(other));
        }
        Set<String> properties = new HashSet<>();
        try {
            for (URL url : Collections.list(ApplicationSettings.class.getClassLoader().getResources(METADATA))) {
                if (!others.contains(home(url))) {
                    try (InputStream in = url.openStream()) {
                        new ObjectMapper().readTree(in).path("properties")
                                .forEach(p -> properties.add(p.path("name").asText()));
                    }
                }
            }
            String text = new String(resource(application, yaml), StandardCharsets.UTF_8);
            flatten("", new Yaml().load(text), properties);
            Set<String> placeholders = new HashSet<>();
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                placeholders.add(m.group(1));
            }
            return new ApplicationSettings(application.getSimpleName(), properties, placeholders);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the settings of a plain Kafka client program: Kafka's client settings as {@code KAFKA_*} only */
    static ApplicationSettings kafkaClient() {
        return new ApplicationSettings("a Kafka client", Set.of(), Set.of());
    }

    /**
     * @param variable an environment variable
     * @return whether it sets something this application has
     */
    boolean names(String variable) {
        if (PROCESS.contains(variable) || placeholders.contains(variable)) {
            return true;
        }
        for (String candidate : candidates(variable.toLowerCase(Locale.ROOT))) {
            if (properties.contains(candidate) || isKafkaSetting(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKafkaSetting(String property) {
        String streams = "kafka.streams.default.";
        if (property.startsWith(streams)) {
            String setting = property.substring(streams.length());
            return StreamsConfig.configDef().names().contains(setting) || KAFKA_CLIENT.contains(setting);
        }
        String ops = KafkaClientSettings.OPS_SECTION + ".";
        if (property.startsWith(ops)) {
            return KAFKA_CLIENT.contains(property.substring(ops.length()));
        }
        return property.startsWith("kafka.") && KAFKA_CLIENT.contains(property.substring("kafka.".length()));
    }

    /** Every name Micronaut maps an environment variable to: each underscore a dot or a dash. */
    private static List<String> candidates(String lower) {
        List<String> out = new ArrayList<>(List.of(""));
        for (char c : lower.toCharArray()) {
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                if (c == '_') {
                    next.add(prefix + '.');
                    next.add(prefix + '-');
                } else {
                    next.add(prefix + c);
                }
            }
            out = next;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, out));
        } else {
            out.add(prefix);
        }
    }

    private static Set<String> kafkaClientSettings() {
        Set<String> names = new HashSet<>(AdminClientConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        return names;
    }

    /** The directory or jar a class was loaded from. */
    private static Path home(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory or jar a resource was loaded from. */
    private static Path home(URL resource) {
        String url = resource.toString();
        String location = url.startsWith("jar:") ? url.substring(4, url.indexOf("!/"))
                : url.substring(0, url.length() - METADATA.length());
        try {
            return Path.of(new java.net.URI(location));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(Class<?> application, String name) throws IOException {
        Path home = home(application);
        if (Files.isDirectory(home)) {
            return Files.readAllBytes(home.resolve(name));
        }
        try (JarFile jar = new JarFile(home.toFile()); InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    /** @return a description for failure messages */
    @Override
    public String toString() {
        return name + " (" + properties.size() + " settings, " + placeholders.size()
                + " environment placeholders, Kafka's client and Streams settings)";
    }
}
