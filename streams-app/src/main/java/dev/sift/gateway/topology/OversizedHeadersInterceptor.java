package dev.sift.gateway.topology;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Drops the headers of a record beyond {@code sift.input.max-headers} and {@code max-headers-bytes} as soon as the
 * main consumer hands the record over, keeping the first ones within the limits and a marker saying what was
 * dropped ({@link HeaderMarker}); {@link RawRecordCheck} then refuses the record with that reason.
 *
 * <p>Why here and not only in the processor: the Kafka consumer parses every header of a record into objects of its
 * own, some 90 bytes of heap for a header that takes two bytes on the wire, so a record made of empty headers costs
 * the heap 40 times its size. Kafka Streams keeps records in its per-partition queues until they are processed;
 * dropped here, those headers are garbage at once instead of held there, and only one poll's records (a single one,
 * see {@code application.yml}) are ever parsed at a time.
 */
public final class OversizedHeadersInterceptor implements ConsumerInterceptor<byte[], byte[]> {

    /** Consumer setting carrying {@code sift.input.max-headers}. */
    public static final String MAX_HEADERS_CONFIG = InputLimits.PREFIX + "max-headers";
    /** Consumer setting carrying {@code sift.input.max-headers-bytes}. */
    public static final String MAX_HEADERS_BYTES_CONFIG = InputLimits.PREFIX + "max-headers-bytes";

    private int maxHeaders = InputLimits.DEFAULTS.maxHeaders();
    private int maxHeadersBytes = InputLimits.DEFAULTS.maxHeadersBytes();

    @Override
    public void configure(Map<String, ?> configs) {
        maxHeaders = intSetting(configs, MAX_HEADERS_CONFIG, maxHeaders);
        maxHeadersBytes = intSetting(configs, MAX_HEADERS_BYTES_CONFIG, maxHeadersBytes);
    }

    private static int intSetting(Map<String, ?> configs, String key, int fallback) {
        Object value = configs.get(key);
        return value == null ? fallback : Integer.parseInt(value.toString());
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        boolean oversized = false;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (HeaderSize.of(record.headers()).exceeds(maxHeaders, maxHeadersBytes)) {
                oversized = true;
                break;
            }
        }
        if (!oversized) {
            return records;
        }
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> kept = new LinkedHashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                list.add(withinLimits(record));
            }
            kept.put(partition, list);
        }
        Map<TopicPartition, OffsetAndMetadata> next = records.nextOffsets();
        return new ConsumerRecords<>(kept, next);
    }

    private ConsumerRecord<byte[], byte[]> withinLimits(ConsumerRecord<byte[], byte[]> record) {
        HeaderSize size = HeaderSize.of(record.headers());
        if (!size.exceeds(maxHeaders, maxHeadersBytes)) {
            return record;
        }
        RecordHeaders headers = new RecordHeaders();
        long bytes = 0;
        int count = 0;
        for (Header header : record.headers()) {
            long headerBytes = HeaderSize.bytesOf(header);
            if (count + 1 >= maxHeaders || bytes + headerBytes > maxHeadersBytes / 2) {
                break;
            }
            headers.add(header);
            bytes += headerBytes;
            count++;
        }
        headers.add(HeaderMarker.KEY, HeaderMarker.value(size).getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
                record.value(), headers, record.leaderEpoch(), record.deliveryCount());
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // Nothing to do on commits.
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
