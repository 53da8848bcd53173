package dev.sift.gateway;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The gateway running inside the calling JVM (demo, integration tests, benchmarks), configured by property
 * overrides on top of {@code application.yml}.
 */
public final class EmbeddedGateway implements AutoCloseable {

    private final ApplicationContext context;

    private EmbeddedGateway(ApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the gateway and waits until its stream threads run.
     *
     * @param properties configuration overrides (bootstrap servers, bundle, state directory)
     * @param timeout how long start-up may take
     * @return the running gateway
     */
    public static EmbeddedGateway start(Map<String, Object> properties, Duration timeout) {
        ApplicationContext context = ApplicationContext.builder().properties(properties).deduceEnvironment(false)
                .start();
        EmbeddedGateway gateway = new EmbeddedGateway(context);
        KafkaStreams streams = context.getBean(KafkaStreams.class);
        Instant deadline = Instant.now().plus(timeout);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (Instant.now().isAfter(deadline) || streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                gateway.close();
                throw new IllegalStateException("the gateway's streams did not reach RUNNING (state "
                        + streams.state() + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the gateway", e);
            }
        }
        return gateway;
    }

    /** @return the gateway's Kafka Streams client */
    public KafkaStreams streams() {
        return context.getBean(KafkaStreams.class);
    }

    /**
     * Starts the gateway's HTTP server (API, dashboard, health, metrics) on {@code micronaut.server.port}.
     *
     * @return the port it listens on
     */
    public int startHttp() {
        io.micronaut.runtime.server.EmbeddedServer server = context.getBean(
                io.micronaut.runtime.server.EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        return server.getPort();
    }

    /** @return the Micronaut context, for beans */
    public ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        if (context.isRunning()) {
            context.close();
        }
    }
}
