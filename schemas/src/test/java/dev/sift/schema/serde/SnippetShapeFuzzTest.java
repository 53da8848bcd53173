package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sift.schema.ConversationSnippet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Properties of decoding within limits, on snippets of every shape up to the largest record the default limits
 * accept (countless or huge brand hints and metadata, huge ids and texts) and on such records with bytes changed: the
 * reader decodes exactly the records within its limits and refuses the others with a {@link SerializationException}
 * and a reason, never any other exception; and what it allocates is bounded by its limits, whatever the record
 * announces.
 */
class SnippetShapeFuzzTest {

    private static final AvroSerde<ConversationSnippet> WRITER = AvroSerde.of(ConversationSnippet.class);
    private static final int MAX_RECORD = DecodingLimits.DEFAULTS.maxRecordBytes();

    @Property(tries = 150)
    void shouldDecodeExactlyTheRecordsWithinTheLimits(@ForAll("shapes") Shape shape,
            @ForAll("limits") DecodingLimits limits) {
        // Given a snippet of the shape, written by a producer that knows no limit
        ConversationSnippet snippet = shape.snippet();
        byte[] bytes = WRITER.serialize("t", snippet);
        AvroSerde<ConversationSnippet> reader = warm(AvroSerde.of(ConversationSnippet.class, limits));

        // When it is read within the limits (measured the second time: the first may load classes and link call sites)
        ConversationSnippet[] decoded = new ConversationSnippet[1];
        SerializationException[] refused = new SerializationException[1];
        Runnable read = () -> {
            try {
                decoded[0] = reader.deserialize("t", bytes);
            } catch (SerializationException e) {
                refused[0] = e;
            }
        };
        read.run();
        long allocated = HeapAllocation.during(read);

        // Then it is decoded exactly when it is within them, and refused with a reason otherwise
        boolean within = shape.within(limits, bytes.length);
        if (within) {
            assertThat(refused[0]).as("refusal of a record within the limits").isNull();
            assertThat(decoded[0]).isEqualTo(snippet);
            // Linear in the record: a few bytes per byte read and a few hundred per item (a String and its array, a
            // list slot; more while the decoder still runs interpreted), never the blow-up of an unbounded count.
            assertThat(allocated).as("bytes allocated to decode %d bytes of %d items", bytes.length, shape.items())
                    .isLessThan(8L * bytes.length + 512L * shape.items() + 1024 * 1024);
        } else {
            assertThat(refused[0]).as("refusal of a record beyond the limits").isNotNull();
            assertThat(refused[0].getMessage()).isNotBlank();
            assertThat(allocated).as("bytes allocated to refuse %d bytes", bytes.length)
                    .isLessThan(256 * 1024);
        }
    }

    @Property(tries = 300)
    void shouldReadAnyChangedRecordWithinTheLimitsOrExplain(@ForAll("shapes") Shape shape,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position, @ForAll byte value) {
        // Given a record of the shape with one byte after the header changed: a count, a length or data
        byte[] bytes = WRITER.serialize("t", shape.snippet());
        bytes[10 + position % (bytes.length - 10)] = value;
        AvroSerde<ConversationSnippet> reader = warm(AvroSerde.of(ConversationSnippet.class));

        // When it is read, Then it is a snippet or a reason, and costs what the limits allow at most
        Runnable read = () -> {
            try {
                reader.deserialize("t", bytes);
            } catch (SerializationException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException | Error other) {
                fail("neither a snippet nor a reason: " + other, other);
            }
        };
        read.run();
        long allocated = HeapAllocation.during(read);
        assertThat(allocated).isLessThan(8L * MAX_RECORD + 256L * DecodingLimits.DEFAULTS.maxTotalItems());
    }

    /** A reader builds its resolver for a writer's schema once, on its first record: not a cost of each record. */
    private static AvroSerde<ConversationSnippet> warm(AvroSerde<ConversationSnippet> reader) {
        reader.deserialize("t", WRITER.serialize("t", Fixtures.snippet()));
        return reader;
    }

    @Provide
    Arbitrary<DecodingLimits> limits() {
        return Combinators.combine(
                        Arbitraries.of(64 * 1024, 1024 * 1024, MAX_RECORD),
                        Arbitraries.of(256, 64 * 1024, 1024 * 1024),
                        Arbitraries.of(16, 1_000, 10_000),
                        Arbitraries.of(32, 5_000, 100_000))
                .as((record, string, collection, total) -> new DecodingLimits(record, string, collection, total, ""));
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<Integer> counts = magnitude(22);
        Arbitrary<Integer> lengths = magnitude(21);
        return Combinators.combine(counts, lengths, counts, lengths, lengths, lengths)
                .as(Shape::new)
                .map(Shape::fitted);
    }

    /** Sizes spread over every order of magnitude up to 2^{@code bits}: mostly small, some huge. */
    private static Arbitrary<Integer> magnitude(int bits) {
        return Arbitraries.integers().between(0, bits).flatMap(b -> Arbitraries.integers().between(0, 1 << b));
    }

    /**
     * The shape of a generated snippet.
     *
     * @param hints number of brand hints
     * @param hintLength length of each
     * @param entries number of metadata entries
     * @param valueLength length of each metadata value
     * @param idLength length of the snippet id
     * @param textLength length of the text
     */
    record Shape(int hints, int hintLength, int entries, int valueLength, int idLength, int textLength) {

        /** @return this shape with its lengths cut so that the record stays near the largest the limits accept */
        Shape fitted() {
            long budget = MAX_RECORD + 64 * 1024;
            int fittedText = (int) Math.min(textLength, budget / 4);
            int fittedId = (int) Math.min(idLength, budget / 4);
            long left = budget - fittedText - fittedId - 4L * hints - 8L * entries;
            int fittedHints = left < 0 ? 0 : hints;
            int fittedEntries = left < 0 ? 0 : entries;
            long share = Math.max(0, left / 2);
            int fittedHint = (int) Math.min(hintLength, share / Math.max(1, fittedHints));
            int fittedValue = (int) Math.min(valueLength, share / Math.max(1, fittedEntries));
            return new Shape(fittedHints, fittedHint, fittedEntries, fittedValue, fittedId, fittedText);
        }

        long items() {
            return (long) hints + entries;
        }

        ConversationSnippet snippet() {
            ConversationSnippet snippet = Fixtures.snippet();
            snippet.setSnippetId("s".repeat(idLength));
            snippet.setText("é".repeat(textLength / 2) + "t".repeat(textLength % 2));
            snippet.setBrandHints(Collections.nCopies(hints, "b".repeat(hintLength)));
            Map<String, String> metadata = new LinkedHashMap<>();
            String value = "v".repeat(valueLength);
            for (int i = 0; i < entries; i++) {
                metadata.put(Integer.toString(i, 36), value);
            }
            snippet.setMetadata(metadata);
            return snippet;
        }

        /** Whether the snippet is within the limits, from its shape: the oracle the reader is checked against. */
        boolean within(DecodingLimits limits, int recordBytes) {
            List<Integer> strings = new ArrayList<>(List.of(idLength, textLength, "c-1".length(), "acme".length(),
                    "chat".length(), "u-7".length(), "Ana".length(), "en".length()));
            if (hints > 0) {
                strings.add(hintLength);
            }
            if (entries > 0) {
                strings.add(valueLength);
                strings.add(Integer.toString(entries - 1, 36).getBytes(StandardCharsets.UTF_8).length);
            }
            return recordBytes <= limits.maxRecordBytes()
                    && strings.stream().allMatch(length -> length <= limits.maxStringBytes())
                    && hints <= limits.maxCollectionItems() && entries <= limits.maxCollectionItems()
                    && hints + entries <= limits.maxTotalItems();
        }
    }
}
