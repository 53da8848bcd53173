/**
 * Sift's topics, declared once for every application: {@link dev.sift.schema.topic.TopicRole} names each topic's
 * purpose with its configuration key ({@code sift.topics.<key>}) and default name,
 * {@link dev.sift.schema.topic.TopicNames} holds the names a deployment configured, and
 * {@link dev.sift.schema.topic.Topics} is the typed registry ({@link dev.sift.schema.topic.Topic}: name, key serde,
 * value serde, retention) every producer, consumer and topology takes its topics from.
 *
 * <p>Not here: the record formats ({@link dev.sift.schema.serde}), the clients that read, write and create the topics
 * ({@link dev.sift.schema.kafka}) and who may read or write each topic ({@link dev.sift.schema.acl}).
 */
package dev.sift.schema.topic;
