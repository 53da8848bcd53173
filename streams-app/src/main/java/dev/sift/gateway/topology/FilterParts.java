package dev.sift.gateway.topology;

import dev.sift.gateway.context.ContextConfig;
import dev.sift.gateway.format.GatewayFormats;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.schema.topic.Topics;
import java.time.Clock;
import java.util.function.IntSupplier;

/**
 * What the filter topology is made of: where it reads and writes, the model, the policies, and how it batches,
 * limits, records and reports. {@link #of} gives the defaults for all but the first three; the {@code with} methods
 * change one part.
 *
 * @param topics the topic registry
 * @param model the live model
 * @param policies how a snippet's policy is found
 * @param batching micro-batch size and wait
 * @param context how much of each conversation is remembered for context-aware models
 * @param limits what is accepted as a snippet, and what may be written
 * @param detail which intents a decision record carries
 * @param clock wall clock
 * @param gateway this instance's id
 * @param observer sees every decision (metrics, dashboard, shadow model)
 * @param snippetPartitions partitions of the snippets topic, read when a task starts (the tasks sharing a
 *     fleet-wide audit budget)
 * @param formats the wire formats of the snippets, decisions and LLM requests topics
 */
public record FilterParts(Topics topics, LiveModel model, PolicyBook policies, BatchingConfig batching,
        ContextConfig context, RecordLimits limits, DecisionDetail detail, Clock clock, String gateway, DecisionObserver observer,
        IntSupplier snippetPartitions, GatewayFormats formats) {

    /**
     * @param topics the topic registry
     * @param model the live model
     * @param policies how a snippet's policy is found
     * @return the parts with one snippet per batch, the default context bounds, limits and detail, the system clock, gateway id
     *     {@code gateway}, no observer, one snippets partition and Avro single-object encoding everywhere
     */
    public static FilterParts of(Topics topics, LiveModel model, PolicyBook policies) {
        return new FilterParts(topics, model, policies, BatchingConfig.PER_RECORD, ContextConfig.DEFAULTS,
                RecordLimits.DEFAULTS,
                DecisionDetail.DEFAULTS, Clock.systemUTC(), "gateway", DecisionObserver.NONE, () -> 1,
                GatewayFormats.DEFAULTS);
    }

    /**
     * @param value micro-batch size and wait
     * @return these parts with it
     */
    public FilterParts withBatching(BatchingConfig value) {
        return new FilterParts(topics, model, policies, value, context, limits, detail, clock, gateway, observer,
                snippetPartitions, formats);
    }

    /**
     * @param value how much of each conversation is remembered for context-aware models
     * @return these parts with it
     */
    public FilterParts withContext(ContextConfig value) {
        return new FilterParts(topics, model, policies, batching, value, limits, detail, clock, gateway, observer,
                snippetPartitions, formats);
    }

    /**
     * @param value input and output limits
     * @return these parts with them
     */
    public FilterParts withLimits(RecordLimits value) {
        return new FilterParts(topics, model, policies, batching, context, value, detail, clock, gateway, observer,
                snippetPartitions, formats);
    }

    /**
     * @param value which intents a decision carries
     * @return these parts with it
     */
    public FilterParts withDetail(DecisionDetail value) {
        return new FilterParts(topics, model, policies, batching, context, limits, value, clock, gateway, observer,
                snippetPartitions, formats);
    }

    /**
     * @param value wall clock
     * @return these parts with it
     */
    public FilterParts withClock(Clock value) {
        return new FilterParts(topics, model, policies, batching, context, limits, detail, value, gateway, observer,
                snippetPartitions, formats);
    }

    /**
     * @param value this instance's id
     * @return these parts with it
     */
    public FilterParts withGateway(String value) {
        return new FilterParts(topics, model, policies, batching, context, limits, detail, clock, value, observer,
                snippetPartitions, formats);
    }

    /**
     * @param value sees every decision
     * @return these parts with it
     */
    public FilterParts withObserver(DecisionObserver value) {
        return new FilterParts(topics, model, policies, batching, context, limits, detail, clock, gateway, value,
                snippetPartitions, formats);
    }

    /**
     * @param value partitions of the snippets topic
     * @return these parts with it
     */
    public FilterParts withSnippetPartitions(IntSupplier value) {
        return new FilterParts(topics, model, policies, batching, context, limits, detail, clock, gateway, observer,
                value, formats);
    }

    /**
     * @param value the topics' wire formats
     * @return these parts with them
     */
    public FilterParts withFormats(GatewayFormats value) {
        return new FilterParts(topics, model, policies, batching, context, limits, detail, clock, gateway, observer,
                snippetPartitions, value);
    }
}
