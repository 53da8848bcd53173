package dev.sift.gateway.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Specification of dropping headers beyond the input limits as the main consumer hands records over. */
class OversizedHeadersInterceptorTest {

    private static final TopicPartition PARTITION = new TopicPartition("sift.snippets", 3);

    private final OversizedHeadersInterceptor interceptor = new OversizedHeadersInterceptor();

    @Test
    void shouldKeepTheFirstHeadersWithinTheLimitsAndSayWhatWasDropped() {
        // Given limits of 64 headers and 64 KiB, and a record with an id header then 100,000 empty headers
        interceptor.configure(Map.of(OversizedHeadersInterceptor.MAX_HEADERS_CONFIG, "64",
                OversizedHeadersInterceptor.MAX_HEADERS_BYTES_CONFIG, "65536"));
        RecordHeaders headers = new RecordHeaders();
        headers.add("id", "bad-1".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 100_000; i++) {
            headers.add(new RecordHeader("", null));
        }
        ConsumerRecord<byte[], byte[]> bomb = record(7, headers);
        ConsumerRecord<byte[], byte[]> fine = record(8, new RecordHeaders());
        Map<TopicPartition, OffsetAndMetadata> next = Map.of(PARTITION, new OffsetAndMetadata(9, Optional.of(4), ""));

        // When the consumer hands them over
        ConsumerRecords<byte[], byte[]> out = interceptor.onConsume(
                new ConsumerRecords<>(Map.of(PARTITION, List.of(bomb, fine)), next));

        // Then the first record keeps its first headers and a marker with its original count and size
        List<ConsumerRecord<byte[], byte[]>> records = out.records(PARTITION);
        ConsumerRecord<byte[], byte[]> kept = records.get(0);
        assertThat(kept.headers().toArray()).hasSizeLessThanOrEqualTo(64);
        assertThat(kept.headers().headers("id")).hasSize(1);
        assertThat(HeaderMarker.originalSize(kept.headers())).contains(new HeaderSize(100_001, 7));
        assertThat(kept.offset()).isEqualTo(7);
        assertThat(kept.value()).isSameAs(bomb.value());
        // And the other record and the next offsets are as they were
        assertThat(records.get(1)).isSameAs(fine);
        assertThat(out.nextOffsets()).isEqualTo(next);
    }

    @Test
    void shouldHandRecordsWithinTheLimitsOverUntouched() {
        ConsumerRecords<byte[], byte[]> in = new ConsumerRecords<>(Map.of(PARTITION, List.of(record(1,
                new RecordHeaders(List.of(new RecordHeader("trace", new byte[100])))))), Map.of());

        assertThat(interceptor.onConsume(in)).isSameAs(in);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, RecordHeaders headers) {
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, 0L, TimestampType.CREATE_TIME,
                1, 3, "k".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}, headers, Optional.empty());
    }
}
