package dev.sift.gateway.topology;

import dev.sift.schema.serde.DecodingLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.stream.IntStream;

/**
 * {@code sift.input.*}: what the gateway accepts from the platforms, which are untrusted producers. Checked in three
 * steps, each refusing with a reason that names the field and the setting: the raw record (its size, its headers'
 * count and size, its key) before anything is decoded; the record's shape (every string's length, every
 * collection's item count, the items of all collections) on its Avro bytes before anything is built; and each field
 * of the decoded snippet.
 *
 * <p>The defaults are far beyond a real chat turn, post or e-mail and chosen so that the largest snippet accepted
 * still makes a decision and an LLM request (which copy the record's headers) well under the output topics' 1 MiB
 * limit: text 256 KiB, metadata 16 KiB, 64 brand hints of 256 bytes, ids and names of a few hundred bytes, headers
 * 64 KiB. A text far beyond what the model reads (it keeps the first {@code max-tokens}) is a producer's mistake,
 * such as a whole transcript in one turn, and would cost the gateway and the LLM for nothing.
 *
 * @param maxRecordBytes largest record value, in bytes; larger records are refused before decoding
 * @param maxHeaders most headers on a record
 * @param maxHeadersBytes largest headers of a record in all (keys and values), in bytes; they are copied to the outputs
 * @param maxIdBytes largest snippet id, conversation id, thread id, reply-to snippet id and record key, in UTF-8
 *     bytes
 * @param maxTenantBytes largest tenant, in UTF-8 bytes
 * @param maxChannelBytes largest channel, in UTF-8 bytes
 * @param maxSpeakerBytes largest speaker id and display name, in UTF-8 bytes
 * @param maxLanguageBytes largest language tag, in UTF-8 bytes
 * @param maxBrandHints most brand hints
 * @param maxBrandHintBytes largest brand hint, in UTF-8 bytes
 * @param maxMetadataEntries most metadata entries
 * @param maxMetadataBytes largest metadata in all (keys and values), in UTF-8 bytes
 * @param maxTextBytes largest text, in UTF-8 bytes
 * @param maxStringBytes largest string of any field, checked before decoding; at least every field's own limit, so
 *     that a field beyond its limit is refused with the field's own reason (by default as large as a record: the
 *     record limit bounds what strings cost; lower it to refuse long strings before decoding)
 * @param maxCollectionItems most items in one collection, checked before decoding; at least the brand hint and
 *     metadata limits
 * @param maxTotalItems most items in all collections of a record, checked before decoding; at least the brand hint
 *     and metadata limits together
 */
@ConfigurationProperties("sift.input")
public record InputLimits(
        @Bindable(defaultValue = "393216") int maxRecordBytes,
        @Bindable(defaultValue = "64") int maxHeaders,
        @Bindable(defaultValue = "65536") int maxHeadersBytes,
        @Bindable(defaultValue = "256") int maxIdBytes,
        @Bindable(defaultValue = "128") int maxTenantBytes,
        @Bindable(defaultValue = "128") int maxChannelBytes,
        @Bindable(defaultValue = "256") int maxSpeakerBytes,
        @Bindable(defaultValue = "64") int maxLanguageBytes,
        @Bindable(defaultValue = "64") int maxBrandHints,
        @Bindable(defaultValue = "256") int maxBrandHintBytes,
        @Bindable(defaultValue = "64") int maxMetadataEntries,
        @Bindable(defaultValue = "16384") int maxMetadataBytes,
        @Bindable(defaultValue = "262144") int maxTextBytes,
        @Bindable(defaultValue = "393216") int maxStringBytes,
        @Bindable(defaultValue = "1024") int maxCollectionItems,
        @Bindable(defaultValue = "2048") int maxTotalItems) {

    /** Prefix of these settings, quoted in refusal reasons. */
    public static final String PREFIX = "sift.input.";

    /** The defaults. */
    public static final InputLimits DEFAULTS = new InputLimits(393_216, 64, 65_536, 256, 128, 128, 256, 64, 64, 256,
            64, 16_384, 262_144, 393_216, 1_024, 2_048);

    /** Checks the settings: positive, and the decoding limits no tighter than the field limits they guard. */
    public InputLimits {
        int[] all = {maxRecordBytes, maxHeaders, maxHeadersBytes, maxIdBytes, maxTenantBytes, maxChannelBytes,
            maxSpeakerBytes, maxLanguageBytes, maxBrandHints, maxBrandHintBytes, maxMetadataEntries, maxMetadataBytes,
            maxTextBytes, maxStringBytes, maxCollectionItems, maxTotalItems};
        if (IntStream.of(all).anyMatch(limit -> limit < 1)) {
            throw new IllegalArgumentException("every sift.input.* limit must be positive");
        }
        int longestField = IntStream.of(maxIdBytes, maxTenantBytes, maxChannelBytes, maxSpeakerBytes,
                maxLanguageBytes, maxBrandHintBytes, maxMetadataBytes, maxTextBytes).max().orElseThrow();
        if (maxStringBytes < longestField) {
            throw new IllegalArgumentException("sift.input.max-string-bytes (" + maxStringBytes + ") must be at least"
                    + " the largest field limit (" + longestField + "), or valid snippets are refused");
        }
        if (maxCollectionItems < Math.max(maxBrandHints, maxMetadataEntries)
                || maxTotalItems < maxBrandHints + maxMetadataEntries) {
            throw new IllegalArgumentException("sift.input.max-collection-items (" + maxCollectionItems
                    + ") and max-total-items (" + maxTotalItems + ") must be at least max-brand-hints ("
                    + maxBrandHints + ") and max-metadata-entries (" + maxMetadataEntries + "), and their sum");
        }
    }

    /** @return the limits the snippet decoder checks before it decodes anything, named as these settings */
    public DecodingLimits decoding() {
        return new DecodingLimits(maxRecordBytes, maxStringBytes, maxCollectionItems, maxTotalItems, PREFIX);
    }

    /**
     * @param bytes largest text, in UTF-8 bytes
     * @return these limits with another text limit (and a string limit no tighter)
     */
    public InputLimits withMaxTextBytes(int bytes) {
        return new InputLimits(maxRecordBytes, maxHeaders, maxHeadersBytes, maxIdBytes, maxTenantBytes,
                maxChannelBytes, maxSpeakerBytes, maxLanguageBytes, maxBrandHints, maxBrandHintBytes,
                maxMetadataEntries, maxMetadataBytes, bytes, Math.max(maxStringBytes, bytes), maxCollectionItems,
                maxTotalItems);
    }
}
