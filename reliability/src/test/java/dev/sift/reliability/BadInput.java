package dev.sift.reliability;

import dev.sift.gateway.support.Snippets;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The kinds of bad snippet records a platform can send, each with the words its dead-letter reason must contain.
 * Every record made is unique, so the verifier can find each one in the dead-letter topic.
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
    OVERSIZED_TEXT("sift.input.max-text-bytes");

    private static final AvroSerde<ConversationSnippet> SNIPPETS = AvroSerde.of(ConversationSnippet.class);
    private static final AvroSerde<ModelRelease> RELEASES = AvroSerde.of(ModelRelease.class);

    private final String reason;

    BadInput(String reason) {
        this.reason = reason;
    }

    /** @return words the dead-letter reason of this kind contains */
    String reason() {
        return reason;
    }

    /**
     * @param id a unique id, carried in the record where its kind allows
     * @param random randomness
     * @return the record's key (null for {@link #NULL_KEY}) and value bytes
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
            case OVERSIZED_TEXT -> new Record(key, valid(id, "refund ".repeat(3 * 1024 * 1024 / 7) + id));
        };
    }

    private static byte[] valid(String id, String text) {
        return SNIPPETS.serialize("t", Snippets.snippet(id, id, text));
    }

    /** A raw record: key and value bytes. */
    record Record(byte[] key, byte[] value) {
    }
}
