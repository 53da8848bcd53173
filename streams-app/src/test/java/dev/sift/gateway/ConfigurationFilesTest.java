package dev.sift.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A drift guard on the applications' configuration files: a key written twice in one YAML file is not an error to
 * Micronaut, the second silently replaces the first with everything under it (a whole {@code endpoints:} section once
 * vanished that way), so every {@code application*.yml} of the repository must parse with duplicate keys refused.
 */
class ConfigurationFilesTest {

    private static final Path REPOSITORY = Path.of("..");

    @Test
    void shouldWriteEveryConfigurationKeyOnce() throws IOException {
        // Given every application configuration file of every module
        List<Path> files;
        try (Stream<Path> paths = Files.walk(REPOSITORY, 6)) {
            files = paths.filter(p -> p.toString().replace('\\', '/').contains("/src/main/resources/"))
                    .filter(p -> p.getFileName().toString().matches("application.*\\.ya?ml")).sorted().toList();
        }
        assertThat(files).as("configuration files under %s", REPOSITORY.toAbsolutePath()).hasSizeGreaterThan(1);

        // When each is parsed refusing duplicate keys
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            try {
                new Yaml(new SafeConstructor(options)).load(Files.readString(file));
            } catch (RuntimeException e) {
                problems.add(file.normalize() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }

        // Then none writes a key twice
        assertThat(problems).isEmpty();
    }
}
