/**
 * Sift's Kafka I/O on top of the topic registry ({@link dev.sift.schema.topic}): how a client is configured
 * ({@link dev.sift.schema.kafka.KafkaClientConfig}) and which kinds there are
 * ({@link dev.sift.schema.kafka.KafkaClients}), the command lines' {@code --command-config} option
 * ({@link dev.sift.schema.kafka.CommandConfigOption}), creating the topics ({@link dev.sift.schema.kafka.TopicProvisioner}),
 * and reading a topic whole or its tail ({@link dev.sift.schema.kafka.TopicSnapshot},
 * {@link dev.sift.schema.kafka.TopicTail}).
 */
package dev.sift.schema.kafka;
