package dev.sift.gateway.topology;

import dev.sift.gateway.config.TopicLayout;
import dev.sift.gateway.context.ContextConfig;
import dev.sift.gateway.dashboard.LiveStats;
import dev.sift.gateway.format.GatewayFormats;
import dev.sift.gateway.metrics.GatewayMetrics;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.release.ShadowModel;
import dev.sift.schema.topic.Topics;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;

/** Registers the filter topology on Micronaut's default Kafka Streams instance ({@code kafka.streams.default.*}). */
@Factory
public class FilterTopologyFactory {

    /**
     * @param builder the default streams builder
     * @param topics topic registry
     * @param model live model
     * @param policies the policy book
     * @param clock wall clock
     * @param gateway instance id
     * @param shadow the shadow slot, which sees every decision
     * @param metrics Prometheus metrics of decisions
     * @param stats the dashboard's live statistics
     * @param batching micro-batch size and wait
     * @param context how much of each conversation is remembered for context-aware models
     * @param input what is accepted as a snippet
     * @param output what may be written to the output topics
     * @param detail which intents a decision record carries
     * @param partitions the snippets topic's partitions, as the cluster has them
     * @param formats the topics' wire formats
     * @return the stream of decided snippets' outputs
     */
    @Singleton
    @Named("filter")
    KStream<String, DecisionOutputs> filterStream(ConfiguredStreamBuilder builder, Topics topics, LiveModel model,
            PolicyBook policies, Clock clock, @Named("gateway-id") String gateway, ShadowModel shadow,
            GatewayMetrics metrics, LiveStats stats, BatchingConfig batching, ContextConfig context, InputLimits input,
            OutputLimits output, DecisionDetail detail, TopicLayout partitions, GatewayFormats formats) {
        Properties config = builder.getConfiguration();
        // Also for global tables (policies): set here because YAML cannot hold both
        // "processing.exception.handler" and a key below it.
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Headers beyond the input limits are dropped as the main consumer hands records over (the consumer
        // parses them into objects costing some 40 times their bytes), with the same limits as the topology's.
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
                OversizedHeadersInterceptor.class.getName());
        config.put(StreamsConfig.mainConsumerPrefix(OversizedHeadersInterceptor.MAX_HEADERS_CONFIG),
                Integer.toString(input.maxHeaders()));
        config.put(StreamsConfig.mainConsumerPrefix(OversizedHeadersInterceptor.MAX_HEADERS_BYTES_CONFIG),
                Integer.toString(input.maxHeadersBytes()));
        return FilterTopology.build(builder, FilterParts.of(topics, model, policies).withBatching(batching)
                .withContext(context).withLimits(new RecordLimits(input, output)).withDetail(detail).withClock(clock)
                .withGateway(gateway)
                .withObserver(DecisionObserver.all(List.of(metrics, stats, shadow)))
                .withSnippetPartitions(partitions::snippets).withFormats(formats));
    }
}
