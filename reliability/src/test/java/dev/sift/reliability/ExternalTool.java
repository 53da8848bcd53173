package dev.sift.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program of another language's ecosystem that the examples run with (Debian's {@code kcat}, {@code python3} with
 * {@code python3-avro} and {@code python3-confluent-kafka}): run to its end with a deadline, its output kept. A tool
 * that is missing fails the test saying how to install it: CI installs them ({@code .ci/run}), so a missing tool is
 * a broken machine, not a test to skip.
 */
final class ExternalTool {

    /** Debian's interpreter, where {@code apt-get install python3-avro} puts the modules (not a pyenv or venv one). */
    static final String PYTHON = "/usr/bin/python3";
    static final String KCAT = "kcat";
    private static final String INSTALL = "apt-get install -y kcat python3-confluent-kafka python3-avro";

    private ExternalTool() {
    }

    /** Fails, naming the packages, unless kcat and Debian's python3 with both modules are there. */
    static void requireInstalled() throws IOException, InterruptedException {
        for (List<String> probe : List.of(List.of(KCAT, "-V"),
                List.of(PYTHON, "-c", "import avro.io, confluent_kafka"))) {
            Result result;
            try {
                result = run(probe, null, Duration.ofSeconds(30), null);
            } catch (IOException e) {
                throw new AssertionError(probe.get(0) + " is not installed (" + e.getMessage() + "): the examples"
                        + " need Debian's packages, `" + INSTALL + "` (.ci/run installs them)", e);
            }
            if (result.exit() != 0) {
                throw new AssertionError("`" + String.join(" ", probe) + "` failed: the examples need Debian's"
                        + " packages, `" + INSTALL + "` (.ci/run installs them)\n" + result.output());
            }
        }
    }

    /**
     * @param command the program and its arguments
     * @param input what to write to its standard input, or null
     * @param timeout how long it may run
     * @param directory where it runs, or null for here
     * @return its exit code and output (standard output and error)
     */
    static Result run(List<String> command, String input, Duration timeout, Path directory)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("tool-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            if (input == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process = builder.start();
            if (input != null) {
                try (var stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("`" + String.join(" ", command) + "` still ran after " + timeout + ":\n"
                        + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * @param exit the exit code
     * @param output standard output and error
     */
    record Result(int exit, String output) {
    }
}
