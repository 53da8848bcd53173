/**
 * The health of stream processing beyond what Kafka Streams reports of itself: stream threads that keep failing and
 * being replaced leave the client RUNNING while some partitions make no progress, and this package says so on
 * {@code GET /health}.
 */
package dev.sift.gateway.health;
