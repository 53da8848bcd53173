package dev.sift.localkafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Java program run in its own JVM: startable, stoppable ({@code SIGTERM}), killable ({@code kill -9}) and
 * restartable with the same command. The child never outlives this JVM (see {@link ParentWatchdog}).
 *
 * <p>The classpath is passed in an argument file: ONNX Runtime 1.29 crashes (SIGSEGV) in a process whose command
 * line is longer than about 4 KiB, which a Maven classpath easily is.
 */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final List<String> classpath;
    private final String mainClass;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;

    private ChildJvm(Builder builder) {
        this.name = builder.name;
        this.classpath = List.copyOf(builder.classpath);
        this.mainClass = Objects.requireNonNull(builder.mainClass, "mainClass");
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.arguments = List.copyOf(builder.arguments);
        this.environment = Map.copyOf(builder.environment);
        this.logFile = Objects.requireNonNull(builder.logFile, "logFile");
    }

    /**
     * Starts describing a child JVM.
     *
     * @param name a short name for logs and errors
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Starts the JVM; its standard output and error are appended to the log file.
     *
     * @return this
     */
    public synchronized ChildJvm start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Path argFile = Files.createTempFile("sift-" + name + "-", ".args");
            argFile.toFile().deleteOnExit();
            List<String> args = new ArrayList<>(jvmOptions);
            args.add("-cp");
            args.add(String.join(File.pathSeparator, classpath));
            Files.writeString(argFile, quote(args), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.add("@" + argFile);
            command.add(ParentWatchdog.class.getName());
            command.add(Long.toString(ProcessHandle.current().pid()));
            command.add(mainClass);
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Each argument on its own line, quoted as the {@code java} launcher's argument files expect. */
    private static String quote(List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            out.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append('"').append('\n');
        }
        return out.toString();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return whether the JVM is alive */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** @return the process id of the running JVM */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** @return the process handle, for waiting on exit */
    public synchronized Process process() {
        return process;
    }

    /**
     * Kills the JVM with {@code SIGKILL}, as a crash would, and waits until it is gone.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * Stops the JVM with {@code SIGTERM} (shutdown hooks run), killing it if it has not ended in time.
     *
     * @param timeout how long to wait for a clean exit
     */
    public synchronized void stop(Duration timeout) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(timeout)) {
            kill();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The last lines of the log, for error messages.
     *
     * @param lines how many lines
     * @return the tail of the log file
     */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** @return the log file of this JVM */
    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    /**
     * Where the classes of a running program come from, as a classpath entry.
     *
     * @param type a class of that program
     * @return the jar or directory holding it
     */
    public static String classpathEntryOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    /** Describes a child JVM. */
    public static final class Builder {
        private final String name;
        private final List<String> classpath = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String mainClass;
        private Path logFile;

        private Builder(String name) {
            this.name = name;
            classpath.add(classpathEntryOf(ParentWatchdog.class));
        }

        /**
         * @param entries classpath entries (jars, directories)
         * @return this builder
         */
        public Builder classpath(List<String> entries) {
            classpath.addAll(entries);
            return this;
        }

        /**
         * @param className fully qualified main class
         * @return this builder
         */
        public Builder mainClass(String className) {
            this.mainClass = className;
            return this;
        }

        /**
         * @param options JVM options such as {@code -Xmx256m}
         * @return this builder
         */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /**
         * @param args program arguments
         * @return this builder
         */
        public Builder arguments(List<String> args) {
            arguments.addAll(args);
            return this;
        }

        /**
         * @param key environment variable
         * @param value its value
         * @return this builder
         */
        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /**
         * @param file where standard output and error go
         * @return this builder
         */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** @return the child JVM, not yet started */
        public ChildJvm build() {
            return new ChildJvm(this);
        }
    }
}
