/**
 * The gateway's wiring and how it keeps running: {@link dev.sift.gateway.config.GatewayFactory} makes the shared beans
 * (the topic registry, the live model, the policy book, the clock, the gateway id);
 * {@link dev.sift.gateway.config.TopicsConfig} is {@code sift.topics.*}; {@link dev.sift.gateway.config.TopicBootstrap}
 * creates missing topics before the streams start; {@link dev.sift.gateway.config.TopicLayout} reads the snippets
 * topic's partition count (what a fleet-wide budget is split by); {@link dev.sift.gateway.config.KafkaClientSettings}
 * gives the gateway's clients other than Kafka Streams their settings (from
 * {@code dev.sift.schema.kafka.KafkaClientConfig}, with the ops principal's overrides for the policy writer); and
 * {@link dev.sift.gateway.config.StreamsSupervision} replaces a failed stream thread instead of letting Kafka Streams
 * shut the client down; {@link dev.sift.gateway.config.BoundedRocksDbMemory} bounds the native memory of all RocksDB
 * stores together.
 *
 * <p>Configuration of one feature lives with that feature ({@code sift.model.*} and {@code sift.releases.*} in
 * {@link dev.sift.gateway.release}, {@code sift.input.*} and {@code sift.batching.*} in
 * {@link dev.sift.gateway.topology}); whether repeated thread failures make the gateway unhealthy is
 * {@link dev.sift.gateway.health}.
 */
package dev.sift.gateway.config;
