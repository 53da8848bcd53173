/**
 * Sift's topics, declared once for every application: {@link dev.sift.schema.topic.TopicRole} names each topic's
 * purpose with its configuration key ({@code sift.topics.<key>}) and default name,
 * {@link dev.sift.schema.topic.TopicNames} holds the names a deployment configured, and
 * {@link dev.sift.schema.topic.Topics} is the typed registry ({@link dev.sift.schema.topic.Topic}: name, key serde,
 * value serde, retention) every producer, consumer and topology takes its topics from.
 *
 * <p>Also the Kafka plumbing the applications share: {@link dev.sift.schema.topic.KafkaClientConfig} (bootstrap
 * servers and security of every plain client, from {@code kafka.*} and {@code KAFKA_*} variables),
 * {@link dev.sift.schema.topic.TopicProvisioner} (creates missing topics), and the group-less readers
 * {@link dev.sift.schema.topic.TopicSnapshot} (a compacted topic as of now) and
 * {@link dev.sift.schema.topic.TopicTail} (the most recent records).
 *
 * <p>Not here: the record formats ({@link dev.sift.schema.serde}) and who may read or write each topic
 * ({@link dev.sift.schema.acl}).
 */
package dev.sift.schema.topic;
