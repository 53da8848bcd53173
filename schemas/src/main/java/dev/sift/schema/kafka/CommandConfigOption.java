package dev.sift.schema.kafka;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --command-config FILE}, the Kafka client properties file of every Sift command that talks to Kafka
 * ({@code model-ops publish}, {@code model-ops label}, {@code sift-ops acls}, {@code sift-demo load}), as Kafka's own
 * tools take it: a picocli mixin ({@code @Mixin CommandConfigOption kafkaFile}), so the option has one name, one
 * description and one error. The file is read while the command line is parsed: a file that cannot be read is a
 * usage error naming the option, before the command starts anything.
 *
 * <p>picocli is an optional dependency of this module: only the command lines, which depend on it themselves, load
 * this class.
 */
public final class CommandConfigOption {

    /** The option's name. */
    public static final String NAME = "--command-config";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private Map<String, Object> settings = Map.of();

    /**
     * @param file the client properties file
     * @throws ParameterException when it cannot be read
     */
    @Option(names = NAME, paramLabel = "FILE", description = "Kafka client properties file (security.protocol,"
            + " sasl.*, ssl.*), as for Kafka's tools.")
    void file(Path file) {
        try {
            settings = Collections.unmodifiableMap(KafkaClientConfig.commandConfig(file));
        } catch (UncheckedIOException e) {
            throw new ParameterException(command.commandLine(), NAME + ": " + e.getMessage(), e);
        }
    }

    /** @return the file's settings, as strings; empty when the option was not given */
    public Map<String, Object> settings() {
        return settings;
    }
}
