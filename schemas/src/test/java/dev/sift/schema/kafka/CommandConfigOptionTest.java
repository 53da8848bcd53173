package dev.sift.schema.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The one {@code --command-config} option of every command that talks to Kafka. */
class CommandConfigOptionTest {

    @TempDir
    Path dir;

    /** A command that talks to Kafka, as the CLIs declare one. */
    @Command(name = "talks-to-kafka")
    static final class TalksToKafka implements Callable<Integer> {
        @Mixin
        CommandConfigOption kafkaFile;

        final AtomicReference<Map<String, Object>> ran = new AtomicReference<>();

        @Override
        public Integer call() {
            ran.set(kafkaFile.settings());
            return 0;
        }
    }

    private record Run(int exit, String err, Map<String, Object> settings) {
    }

    private static Run run(String... args) {
        TalksToKafka command = new TalksToKafka();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exit, err.toString(), command.ran.get());
    }

    @Test
    void shouldHandTheFilesSettingsToTheCommand() throws IOException {
        // Given a client properties file
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_SSL\n"
                + "sasl.mechanism=SCRAM-SHA-512\n");

        // When a command is run with it
        Run run = run(CommandConfigOption.NAME, file.toString());

        // Then the command gets its settings
        assertThat(run.exit()).isZero();
        assertThat(run.settings()).isEqualTo(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism",
                "SCRAM-SHA-512"));
    }

    @Test
    void shouldHandNoSettingsWithoutTheOption() {
        Run run = run();

        assertThat(run.exit()).isZero();
        assertThat(run.settings()).isEmpty();
    }

    @Test
    void shouldRefuseAnUnreadableFileAsAUsageErrorBeforeTheCommandRuns() {
        // Given a file that does not exist
        Path missing = dir.resolve("missing.properties");

        // When a command is run with it
        Run run = run(CommandConfigOption.NAME, missing.toString());

        // Then it is a usage error naming the option and the file, and the command did not run
        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("--command-config: cannot read the client properties file " + missing)
                .contains("Usage: talks-to-kafka");
        assertThat(run.settings()).isNull();
    }

    @Test
    void shouldShowTheSameOptionInEveryCommandsHelp() {
        String help = new CommandLine(new TalksToKafka()).getUsageMessage();

        assertThat(help).contains("--command-config=FILE").contains("Kafka client properties file");
    }
}
