package dev.sift.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sift.localkafka.FreePorts;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.schema.topic.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Several gateway JVMs of one application on one broker, as a fleet of edge gateways would run. */
public final class GatewayFleet implements AutoCloseable {

    /** The read token every fleet gateway is given unless the test sets its own (for {@link #model}). */
    public static final String READ_TOKEN = "fleet-read-token";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<GatewayProcess> gateways = new ArrayList<>();

    /**
     * Starts the fleet.
     *
     * @param broker the broker
     * @param size number of instances
     * @param work a folder for state, caches and logs
     * @param overrides configuration shared by all instances
     * @return the running fleet
     */
    public static GatewayFleet start(LocalKafkaBroker broker, int size, Path work, Map<String, String> overrides) {
        return start(broker, 0, size, work, overrides);
    }

    /**
     * Starts instances numbered from {@code first}, e.g. to add one to a running fleet.
     *
     * @param broker the broker
     * @param first number of the first instance (names, folders and Kafka client ids follow it)
     * @param size number of instances
     * @param work a folder for state, caches and logs
     * @param overrides configuration shared by all instances
     * @return the running instances
     */
    public static GatewayFleet start(LocalKafkaBroker broker, int first, int size, Path work,
            Map<String, String> overrides) {
        return start(broker, first, size, work, overrides, List.of());
    }

    /**
     * Starts instances with JVM options besides the recommended ones (for example a GC log).
     *
     * @param broker the broker
     * @param first number of the first instance (names, folders and Kafka client ids follow it)
     * @param size number of instances
     * @param work a folder for state, caches and logs
     * @param overrides configuration shared by all instances
     * @param extraJvmOptions appended to {@link GatewayProcess#RECOMMENDED_JVM_OPTIONS}; {@code {i}} in an option
     *     stands for the instance number
     * @return the running instances
     */
    public static GatewayFleet start(LocalKafkaBroker broker, int first, int size, Path work,
            Map<String, String> overrides, List<String> extraJvmOptions) {
        GatewayFleet fleet = new GatewayFleet();
        List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
        for (int i = first; i < first + size; i++) {
            Map<String, String> props = new HashMap<>();
            props.put("kafka.bootstrap.servers", broker.bootstrapServers());
            props.put("kafka.streams.default.state.dir", work.resolve("state-" + i).toString());
            props.put("sift.releases.cache-dir", work.resolve("releases-" + i).toString());
            props.put("sift.model.unpack-dir", work.resolve("bundles-" + i).toString());
            props.put("kafka.streams.default.client.id", "gateway-" + i);
            props.put("sift.ops.read-token", READ_TOKEN);
            props.putAll(overrides);
            List<String> jvmOptions = new ArrayList<>(GatewayProcess.RECOMMENDED_JVM_OPTIONS);
            String instance = Integer.toString(i);
            extraJvmOptions.forEach(option -> jvmOptions.add(option.replace("{i}", instance)));
            fleet.gateways.add(new GatewayProcess("gateway-" + i, classpath, props, FreePorts.next(),
                    work.resolve("gateway-" + i + ".log"), jvmOptions, GatewayProcess.RECOMMENDED_ENVIRONMENT));
        }
        fleet.gateways.parallelStream().forEach(g -> g.start(Duration.ofMinutes(3)));
        return fleet;
    }

    /**
     * @param names the topics the instances use instead of the default names
     * @param overrides other configuration
     * @return both, as overrides for {@link #start}
     */
    public static Map<String, String> onTopics(TopicNames names, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        names.asProperties().forEach((key, name) -> config.put("sift.topics." + key, name));
        config.putAll(overrides);
        return config;
    }

    /** @return the instances */
    public List<GatewayProcess> gateways() {
        return gateways;
    }

    /**
     * @param gateway an instance
     * @return its {@code GET /model} document (read with {@link #READ_TOKEN})
     */
    public static JsonNode model(GatewayProcess gateway) {
        Http.Reply reply = new Http(gateway.httpPort()).get("/model", READ_TOKEN);
        if (reply.status() != 200) {
            throw new IllegalStateException("GET /model answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    @Override
    public void close() {
        gateways.parallelStream().forEach(GatewayProcess::close);
    }
}
