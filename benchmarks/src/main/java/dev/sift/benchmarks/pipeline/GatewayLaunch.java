package dev.sift.benchmarks.pipeline;

import dev.sift.localkafka.ChildJvm;
import dev.sift.localkafka.GatewayProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the gateway under test is started: which code, with which JVM flags, in the environment its container image
 * sets ({@link GatewayProcess#RECOMMENDED_ENVIRONMENT}).
 *
 * @param classpath the gateway's classpath: its deployable jar (which names its {@code lib/} folder), or this tool's
 * @param jvmOptions the gateway JVM's flags
 */
public record GatewayLaunch(List<String> classpath, List<String> jvmOptions) {

    /** Where the build puts the deployable gateway, relative to the repository root. */
    public static final Path BUILT_JAR = Path.of("streams-app", "target", "sift-gateway.jar");

    /** Copies the lists. */
    public GatewayLaunch {
        classpath = List.copyOf(classpath);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The deployable gateway jar when it is there (what runs in production: the gateway's own dependencies and
     * nothing else, so its memory is what a gateway's is), else this tool's own classpath, which holds the gateway too.
     *
     * @param jar the gateway jar, or null for {@link #BUILT_JAR} in the working directory
     * @param jvmOptions the JVM flags, or null for {@link GatewayProcess#RECOMMENDED_JVM_OPTIONS}
     * @return the launch
     */
    public static GatewayLaunch of(Path jar, List<String> jvmOptions) {
        List<String> flags = jvmOptions != null ? jvmOptions : GatewayProcess.RECOMMENDED_JVM_OPTIONS;
        Path deployable = jar != null ? jar : BUILT_JAR;
        if (Files.isRegularFile(deployable)) {
            // The child JVM starts in local-kafka's watchdog, which ends it with this process.
            return new GatewayLaunch(List.of(deployable.toAbsolutePath().toString(),
                    ChildJvm.classpathEntryOf(ChildJvm.class)), flags);
        }
        if (jar != null) {
            throw new IllegalArgumentException("no gateway jar at " + jar);
        }
        return new GatewayLaunch(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)), flags);
    }

    /** @return the gateway's extra environment variables */
    public Map<String, String> environment() {
        return GatewayProcess.RECOMMENDED_ENVIRONMENT;
    }

    /** @return what the report says of the gateway's code */
    public String describeCode() {
        return classpath.get(0).endsWith("sift-gateway.jar") ? classpath.get(0)
                : "the benchmark's own classpath (" + BUILT_JAR + " not found)";
    }
}
