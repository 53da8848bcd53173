package dev.sift.reliability;

import dev.sift.gateway.support.Snippets;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.serde.AvroSerde;
import dev.sift.schema.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The kinds of bad snippet records a platform can send, each with the words its dead-letter reason must contain.
 * Every record made is unique, so the verifier can find each one in the dead-letter topic.
 *
 * <p>{@linkplain #large() Large} kinds are as big as an untrusted producer can make them: up to the snippets topic's
 * largest record ({@link #AT_TOPIC_MAX}), or just under the gateway's record limit ({@link #UNDER_RECORD_LIMIT}) so
 * that they get past the size check and meet the decoding limits or the field limits instead.
 */
enum BadInput {

    RANDOM_BYTES("not an Avro single-object record"),
    TRUNCATED_AVRO("truncated ConversationSnippet record"),
    ANOTHER_SCHEMA("record of another schema"),
    TRAILING_BYTES("bytes left after the record ends"),
    INVALID_UTF8("not valid UTF-8"),
    EMPTY_TEXT("has no text"),
    NO_CONVERSATION("has no conversationId"),
    NULL_KEY("has no record key"),
    TOO_MANY_BRAND_HINTS("sift.input.max-brand-hints"),
    LONG_TENANT("sift.input.max-tenant-bytes"),
    MANY_HEADERS("sift.input.max-headers"),
    /** A text over the text limit, in a record under the record limit. */
    OVERSIZED_TEXT("sift.input.max-text-bytes", true),
    /** A text as long as the topic allows. */
    OVERSIZED_RECORD("sift.input.max-record-bytes", true),
    /** A small snippet under headers as large as the topic allows (a poison record for 1 MB output topics). */
    HUGE_HEADERS("sift.input.max-headers-bytes", true),
    /**
     * A small snippet under as many empty headers as the topic allows: two bytes each on the wire, some 90 bytes of
     * heap each once the Kafka consumer has parsed them.
     */
    COUNTLESS_HEADERS("sift.input.max-headers", true),
    /** Empty brand hints filling the largest record the topic allows (a memory bomb once decoded). */
    COUNTLESS_BRAND_HINTS("sift.input.max-record-bytes", true),
    /** Empty brand hints filling a record just under the record limit: the decoding limits refuse it. */
    BRAND_HINTS_UNDER_RECORD_LIMIT("items in brandHints", true),
    /** One brand hint filling a record just under the record limit. */
    HUGE_BRAND_HINT("sift.input.max-brand-hint-bytes", true),
    /** Empty metadata entries filling a record just under the record limit. */
    COUNTLESS_METADATA("items in metadata", true),
    /** One metadata value over the metadata limit. */
    HUGE_METADATA("sift.input.max-metadata-bytes", true),
    /** A snippet id of a few hundred kilobytes. */
    HUGE_ID("sift.input.max-id-bytes", true);

    /** Payload bytes of a record as large as the snippets topic accepts, with room for the record's framing. */
    static final int AT_TOPIC_MAX = Topic.SNIPPET_RECORD_BYTES - 1024;
    /** Value bytes of a record just under the gateway's default record limit. */
    static final int UNDER_RECORD_LIMIT = 384 * 1024 - 4 * 1024;

    private static final AvroSerde<ConversationSnippet> SNIPPETS = AvroSerde.of(ConversationSnippet.class);
    private static final AvroSerde<ModelRelease> RELEASES = AvroSerde.of(ModelRelease.class);

    private final String reason;
    private final boolean large;

    BadInput(String reason) {
        this(reason, false);
    }

    BadInput(String reason, boolean large) {
        this.reason = reason;
        this.large = large;
    }

    /** @return words the dead-letter reason of this kind contains */
    String reason() {
        return reason;
    }

    /** @return whether records of this kind are hundreds of kilobytes or more */
    boolean large() {
        return large;
    }

    /**
     * Which kind the n-th bad record of a run is: the small kinds in rotation, and one of the large kinds, in
     * rotation too, instead of every {@code largeEvery}-th.
     *
     * @param largeEvery how often a large record comes
     * @return the kind of each bad record by its number
     */
    static IntFunction<BadInput> rotation(int largeEvery) {
        List<BadInput> small = Arrays.stream(values()).filter(k -> !k.large()).toList();
        List<BadInput> big = Arrays.stream(values()).filter(BadInput::large).toList();
        return n -> n % largeEvery == largeEvery - 1 ? big.get((n / largeEvery) % big.size())
                : small.get(n % small.size());
    }

    /**
     * @param id a unique id, carried in the record where its kind allows
     * @param random randomness
     * @return the record's key (null for {@link #NULL_KEY}), value bytes and headers
     */
    Record make(String id, Random random) {
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        return switch (this) {
            case RANDOM_BYTES -> {
                byte[] noise = new byte[20 + random.nextInt(200)];
                random.nextBytes(noise);
                noise[0] = (byte) (random.nextInt(0xC0));
                yield new Record(key, noise);
            }
            case TRUNCATED_AVRO -> {
                byte[] whole = valid(id, "my order never arrived and nobody answers " + id);
                yield new Record(key, Arrays.copyOf(whole, 12 + random.nextInt(whole.length - 14)));
            }
            case ANOTHER_SCHEMA -> new Record(key, RELEASES.serialize("t", ModelRelease.newBuilder()
                    .setVersion(id).setSequence(1).setBundleUri("file:/" + id).setSha256("0").setSizeBytes(1)
                    .setBaseModel("m").setIntents(List.of()).setCreatedAt(Instant.EPOCH).build()));
            case TRAILING_BYTES -> {
                byte[] whole = valid(id, "where is my refund " + id);
                byte[] padded = Arrays.copyOf(whole, whole.length + 1 + random.nextInt(8));
                yield new Record(key, padded);
            }
            case INVALID_UTF8 -> new Record(key, Snippets.withInvalidUtf8Text(id, id));
            case EMPTY_TEXT -> new Record(key, valid(id, random.nextBoolean() ? "" : " \n\t "));
            case NO_CONVERSATION -> new Record(key, SNIPPETS.serialize("t",
                    Snippets.snippet(id, "", "please call me back " + id)));
            case NULL_KEY -> new Record(null, valid(id, "cancel my plan " + id));
            case TOO_MANY_BRAND_HINTS -> {
                List<String> hints = new ArrayList<>();
                for (int i = 0; i < 200 + random.nextInt(200); i++) {
                    hints.add("brand-" + i);
                }
                yield new Record(key, SNIPPETS.serialize("t", Snippets.snippet(id, id, "love it " + id, hints)));
            }
            case LONG_TENANT -> {
                ConversationSnippet snippet = Snippets.snippet(id, id, "my bill is wrong " + id);
                snippet.setTenant("tenant-" + "t".repeat(4_000 + random.nextInt(4_000)));
                yield new Record(key, SNIPPETS.serialize("t", snippet));
            }
            case MANY_HEADERS -> new Record(key, valid(id, "hello there " + id), tinyHeaders(500));
            case OVERSIZED_TEXT -> new Record(key, valid(id, "refund ".repeat(300 * 1024 / 7) + id));
            case OVERSIZED_RECORD -> new Record(key, valid(id, "refund ".repeat(AT_TOPIC_MAX / 7) + id));
            case HUGE_HEADERS -> new Record(key, valid(id, "where is my parcel " + id), bigHeaders(AT_TOPIC_MAX));
            case COUNTLESS_HEADERS -> new Record(key, valid(id, "where is my parcel " + id),
                    tinyHeaders(AT_TOPIC_MAX / 2));
            case COUNTLESS_BRAND_HINTS -> new Record(key, SNIPPETS.serialize("t",
                    Snippets.snippet(id, id, "hi " + id, Collections.nCopies(AT_TOPIC_MAX, ""))));
            case BRAND_HINTS_UNDER_RECORD_LIMIT -> new Record(key, SNIPPETS.serialize("t",
                    Snippets.snippet(id, id, "hi " + id, Collections.nCopies(UNDER_RECORD_LIMIT, ""))));
            case HUGE_BRAND_HINT -> new Record(key, SNIPPETS.serialize("t",
                    Snippets.snippet(id, id, "hi " + id, List.of("b".repeat(UNDER_RECORD_LIMIT)))));
            case COUNTLESS_METADATA -> {
                ConversationSnippet snippet = Snippets.snippet(id, id, "hi " + id);
                Map<String, String> metadata = new HashMap<>();
                for (int i = 0; i < UNDER_RECORD_LIMIT / 8; i++) {
                    metadata.put(Integer.toString(i, 36), "");
                }
                snippet.setMetadata(metadata);
                yield new Record(key, SNIPPETS.serialize("t", snippet));
            }
            case HUGE_METADATA -> {
                ConversationSnippet snippet = Snippets.snippet(id, id, "hi " + id);
                snippet.setMetadata(Map.of("notes", "n".repeat(128 * 1024)));
                yield new Record(key, SNIPPETS.serialize("t", snippet));
            }
            case HUGE_ID -> new Record(key, SNIPPETS.serialize("t",
                    Snippets.snippet(id + "-" + "i".repeat(200 * 1024), id, "hi " + id)));
        };
    }

    private static byte[] valid(String id, String text) {
        return SNIPPETS.serialize("t", Snippets.snippet(id, id, text));
    }

    /** Headers of 1 MB or less each (a record's headers are one batch, no header limit of its own). */
    private static List<Header> bigHeaders(int total) {
        List<Header> headers = new ArrayList<>();
        int chunk = 1024 * 1024;
        for (int left = total, i = 0; left > 0; left -= chunk, i++) {
            byte[] value = new byte[Math.min(chunk, left)];
            Arrays.fill(value, (byte) 'h');
            headers.add(new RecordHeader("blob-" + i, value));
        }
        return headers;
    }

    private static List<Header> tinyHeaders(int count) {
        List<Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headers.add(new RecordHeader("", (byte[]) null));
        }
        return headers;
    }

    /**
     * A raw record.
     *
     * @param key key bytes, or null
     * @param value value bytes
     * @param headers headers besides the id header
     */
    record Record(byte[] key, byte[] value, List<Header> headers) {

        Record(byte[] key, byte[] value) {
            this(key, value, List.of());
        }
    }
}
