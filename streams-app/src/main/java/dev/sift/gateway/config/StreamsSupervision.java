package dev.sift.gateway.config;

import dev.sift.gateway.health.StreamThreadFailures;
import io.micronaut.configuration.kafka.streams.event.BeforeKafkaStreamStart;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gateway processing through failures a stream thread cannot handle itself (a broker gone for a while,
 * a fenced transaction): the failed thread is replaced and resumes from the last committed transaction, which
 * exactly-once makes safe. Without this Kafka Streams would shut the client down. Every failure is recorded: the
 * same failure again and again makes the gateway unhealthy ({@link StreamThreadFailures}).
 */
@Singleton
public class StreamsSupervision implements ApplicationEventListener<BeforeKafkaStreamStart> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsSupervision.class);

    private final StreamThreadFailures failures;

    /**
     * @param failures where failures are recorded
     */
    public StreamsSupervision(StreamThreadFailures failures) {
        this.failures = failures;
    }

    @Override
    public void onApplicationEvent(BeforeKafkaStreamStart event) {
        event.getKafkaStreams().setUncaughtExceptionHandler(error -> {
            // Runs on the failing thread, before it is replaced.
            failures.record(Thread.currentThread().getName(), error);
            LOG.error("stream thread failed, replacing it (processing resumes from the last commit): {}",
                    error.toString(), error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }
}
