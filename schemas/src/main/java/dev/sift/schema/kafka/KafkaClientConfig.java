package dev.sift.schema.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings every plain client of a Sift application needs (bootstrap servers and security: SASL,
 * TLS), from the application's {@code kafka.*} configuration section without Micronaut's own sub-sections, and from
 * {@code KAFKA_*} environment variables.
 *
 * <p>Why the environment is read here: Micronaut's raw view of a section ({@code StringConvention.RAW}) leaves out
 * settings given as environment variables, so {@code KAFKA_SASL_JAAS_CONFIG} would reach Kafka Streams (which reads
 * the section another way) but not the plain clients, and they would connect without credentials. Every
 * {@code KAFKA_*} variable that names a Kafka client setting ({@code KAFKA_SECURITY_PROTOCOL} is
 * {@code security.protocol}) counts, with Micronaut's precedence: a system property {@code kafka.<setting>} wins over
 * the variable, the variable over the configuration files.
 */
public final class KafkaClientConfig {

    /** Keys of micronaut-kafka's own under {@code kafka.}: not client settings. */
    private static final Set<String> MICRONAUT_SECTIONS = Set.of("streams", "consumers", "producers", "health",
            "embedded", "bootstrap", "enabled", "health-timeout");
    private static final String ENVIRONMENT_PREFIX = "KAFKA_";
    private static final Set<String> CLIENT_SETTINGS = clientSettings();

    private KafkaClientConfig() {
    }

    /**
     * @param kafkaSection the {@code kafka.*} properties, keys without the {@code kafka.} prefix, raw (dotted) names
     * @param bootstrapServers the bootstrap servers
     * @return client settings: every Kafka setting of the section and of the environment, as strings, and the
     *     bootstrap servers
     */
    public static Map<String, Object> of(Map<String, Object> kafkaSection, String bootstrapServers) {
        return of(kafkaSection, bootstrapServers, System.getenv(), System.getProperties());
    }

    /**
     * @param kafkaSection the {@code kafka.*} properties, raw names
     * @param bootstrapServers the bootstrap servers
     * @param environment environment variables
     * @param systemProperties system properties
     * @return client settings
     */
    static Map<String, Object> of(Map<String, Object> kafkaSection, String bootstrapServers,
            Map<String, String> environment, Properties systemProperties) {
        Map<String, Object> out = new LinkedHashMap<>();
        kafkaSection.forEach((key, value) -> {
            String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!MICRONAUT_SECTIONS.contains(section) && value != null) {
                out.put(key, value.toString());
            }
        });
        environment.forEach((variable, value) -> {
            String key = settingOf(variable);
            if (key != null && CLIENT_SETTINGS.contains(key) && !systemProperties.containsKey("kafka." + key)) {
                out.put(key, value);
            }
        });
        out.put("bootstrap.servers", bootstrapServers);
        return out;
    }

    /**
     * Settings that one client of an application takes over the application's own (for example the principal of the
     * ops API's policy writer), read the same way: a configuration section and environment variables.
     *
     * @param section the section's properties, keys without the section prefix, raw names
     * @param environmentPrefix the variables' prefix, e.g. {@code SIFT_OPS_KAFKA_}
     * @param propertyPrefix the section's name, e.g. {@code sift.ops.kafka} (a system property under it wins over
     *     the variable)
     * @return the overriding settings, as strings (no bootstrap servers unless the section names them)
     */
    public static Map<String, Object> overrides(Map<String, Object> section, String environmentPrefix,
            String propertyPrefix) {
        return overrides(section, environmentPrefix, propertyPrefix, System.getenv(), System.getProperties());
    }

    static Map<String, Object> overrides(Map<String, Object> section, String environmentPrefix, String propertyPrefix,
            Map<String, String> environment, Properties systemProperties) {
        Map<String, Object> out = new LinkedHashMap<>();
        section.forEach((key, value) -> {
            if (value != null && CLIENT_SETTINGS.contains(key)) {
                out.put(key, value.toString());
            }
        });
        environment.forEach((variable, value) -> {
            String key = settingOf(variable, environmentPrefix);
            if (key != null && CLIENT_SETTINGS.contains(key)
                    && !systemProperties.containsKey(propertyPrefix + "." + key)) {
                out.put(key, value);
            }
        });
        return out;
    }

    /**
     * The settings of a client properties file, as Kafka's own tools take it ({@code --command-config}:
     * {@code security.protocol}, {@code sasl.*}, {@code ssl.*}), for every Sift command line that opens a client
     * (through {@link CommandConfigOption}).
     *
     * @param file the file, or null for none
     * @return its settings, as strings (empty without a file)
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Map<String, Object> commandConfig(Path file) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (file == null) {
            return out;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the client properties file " + file + ": " + e.getMessage(),
                    e);
        }
        props.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }

    private static String settingOf(String variable) {
        return settingOf(variable, ENVIRONMENT_PREFIX);
    }

    private static String settingOf(String variable, String prefix) {
        if (!variable.startsWith(prefix) || variable.length() == prefix.length()) {
            return null;
        }
        return variable.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Set<String> clientSettings() {
        Set<String> names = new HashSet<>(AdminClientConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        return Set.copyOf(names);
    }
}
