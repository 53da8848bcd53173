package dev.sift.localkafka;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway (the streams app) in its own JVM, configured by system properties: what the multi-instance, crash and
 * hot-swap tests start, kill with {@code kill -9} and restart. Readiness is the gateway's own health endpoint.
 */
public final class GatewayProcess implements AutoCloseable {

    /** The gateway's main class. */
    public static final String MAIN_CLASS = "dev.sift.gateway.GatewayApplication";

    /**
     * The JVM flags recommended for a 2-core gateway, as its container image sets them: a small heap, the serial
     * collector (no GC threads competing with inference), the C1 compiler only (C2 took 15% of both cores at
     * saturation shortly after start, and 25 MB of memory, for Java code that is a small share of a snippet's cost
     * next to inference), capped metaspace and code cache, and an exit rather than a limp on heap exhaustion. Measured
     * in docs/performance.md.
     */
    public static final List<String> RECOMMENDED_JVM_OPTIONS = List.of("-Xms32m", "-Xmx128m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=32m", "-Xss512k",
            "-XX:+ExitOnOutOfMemoryError");

    /**
     * The gateway's environment, as its container image sets it: two glibc malloc arenas instead of eight per core
     * (the JVM, Kafka and ONNX Runtime threads would otherwise each grow one).
     */
    public static final Map<String, String> RECOMMENDED_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private final ChildJvm jvm;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param name instance name (logs)
     * @param classpath the gateway's classpath
     * @param properties configuration overrides ({@code kafka.bootstrap.servers}, {@code sift.model.bundle}, ...)
     * @param httpPort the HTTP port it listens on
     * @param logFile where its output goes
     * @param jvmOptions extra JVM options (heap, GC)
     */
    public GatewayProcess(String name, List<String> classpath, Map<String, String> properties, int httpPort,
            Path logFile, List<String> jvmOptions) {
        this(name, classpath, properties, httpPort, logFile, jvmOptions, Map.of());
    }

    /**
     * @param name instance name (logs)
     * @param classpath the gateway's classpath
     * @param properties configuration overrides ({@code kafka.bootstrap.servers}, {@code sift.model.bundle}, ...)
     * @param httpPort the HTTP port it listens on
     * @param logFile where its output goes
     * @param jvmOptions extra JVM options (heap, GC)
     * @param environment extra environment variables (e.g. {@code MALLOC_ARENA_MAX}, as the container image sets)
     */
    public GatewayProcess(String name, List<String> classpath, Map<String, String> properties, int httpPort,
            Path logFile, List<String> jvmOptions, Map<String, String> environment) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("micronaut.server.port", Integer.toString(httpPort));
        all.putIfAbsent("sift.gateway.id", name);
        List<String> options = new ArrayList<>(jvmOptions);
        all.forEach((k, v) -> options.add("-D" + k + "=" + v));
        ChildJvm.Builder builder = ChildJvm.builder(name).classpath(classpath).mainClass(MAIN_CLASS)
                .jvmOptions(options).logFile(logFile);
        environment.forEach(builder::environment);
        this.jvm = builder.build();
        this.httpPort = httpPort;
    }

    /**
     * Starts the JVM and waits until its health endpoint answers UP.
     *
     * @param timeout how long start-up may take
     * @return this
     */
    public GatewayProcess start(Duration timeout) {
        jvm.start();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!jvm.isRunning()) {
                throw new IllegalStateException("gateway exited during start-up:\n" + jvm.logTail(60));
            }
            try {
                HttpResponse<String> response = get("/health");
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (Instant.now().isAfter(deadline)) {
                jvm.kill();
                throw new IllegalStateException("gateway not healthy within " + timeout + ":\n" + jvm.logTail(60));
            }
            sleep(250);
        }
    }

    /**
     * @param path an HTTP path of the gateway
     * @return the response
     * @throws IOException when the gateway does not answer
     */
    public HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Kills the JVM with {@code SIGKILL}. */
    public void kill() {
        jvm.kill();
    }

    /** @return whether the JVM is alive */
    public boolean isRunning() {
        return jvm.isRunning();
    }

    /** @return its process id */
    public long pid() {
        return jvm.pid();
    }

    /** @return its HTTP port */
    public int httpPort() {
        return httpPort;
    }

    /** @return its log file */
    public Path logFile() {
        return jvm.logFile();
    }

    @Override
    public void close() {
        jvm.stop(Duration.ofSeconds(30));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
