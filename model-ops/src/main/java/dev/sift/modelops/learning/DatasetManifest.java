package dev.sift.modelops.learning;

import java.util.Map;

/**
 * What a feedback data set version holds ({@code manifest.json} next to its {@code examples.jsonl}).
 *
 * @param format the manifest format
 * @param version the version: the first 16 hex digits of the SHA-256 of {@code examples.jsonl}
 * @param createdAt when it was first written (ISO-8601)
 * @param previous the version it was built on, or null
 * @param examples examples in it
 * @param train examples trained on
 * @param heldOut examples held out
 * @param heldOutShare the share of the newest examples asked to be held out
 * @param heldOutFrom where the held-out slice begins, or null while nothing is held out
 * @param labeledFrom earliest label time (ISO-8601), or null when empty
 * @param labeledTo latest label time (ISO-8601), or null when empty
 * @param intents examples per intent, in training and held out (intents the model does not know included)
 * @param irrelevant examples without any intent
 * @param origins examples per label origin
 * @param kinds examples per request kind
 * @param offsets per topic and partition, the offset up to which records were read into this version
 * @param refused records refused since the previous version, by reason
 * @param droppedOverLimit oldest examples dropped to keep at most {@code max-examples}
 */
public record DatasetManifest(int format, String version, String createdAt, String previous, int examples, int train,
        int heldOut, double heldOutShare, HeldOutSlice.Cut heldOutFrom, String labeledFrom, String labeledTo,
        Map<String, Split> intents, Split irrelevant, Map<String, Integer> origins, Map<String, Integer> kinds,
        Map<String, Map<Integer, Long>> offsets, Map<String, Long> refused, int droppedOverLimit) {

    /** The manifest format written now. */
    public static final int FORMAT = 1;

    /**
     * Examples of one kind in each part.
     *
     * @param train in training
     * @param heldOut held out
     */
    public record Split(int train, int heldOut) {

        /**
         * @param heldOutExample whether to count one held-out example (else one training example)
         * @return these counts plus one
         */
        public Split plus(boolean heldOutExample) {
            return heldOutExample ? new Split(train, heldOut + 1) : new Split(train + 1, heldOut);
        }
    }
}
