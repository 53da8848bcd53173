package dev.sift.modelops.learning;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks the confidences of a feedback record before they can become soft targets: at most
 * {@link RecordLimits#MAX_CONFIDENCES}, each keyed by a name that can be an intent's (read as the intents are read, so
 * {@code "Refund Request"} is {@code refund_request}) and each a finite number in [0, 1]. A student is trained towards
 * these values, so one NaN or one value of 1e30 would reach every weight; the whole record is refused rather than
 * trained on in part.
 */
final class FeedbackConfidences {

    private FeedbackConfidences() {
    }

    /**
     * @param raw the record's confidences; null for none
     * @return the confidences by canonical intent name, or why they are refused
     */
    static Checked<Map<String, Float>> check(Map<String, Float> raw) {
        if (raw == null || raw.isEmpty()) {
            return Checked.accepted(Map.of());
        }
        if (raw.size() > RecordLimits.MAX_CONFIDENCES) {
            return Checked.refused(RefusalReason.INVALID_CONFIDENCE, raw.size() + " confidences, at most "
                    + RecordLimits.MAX_CONFIDENCES);
        }
        TreeMap<String, Float> out = new TreeMap<>();
        for (Map.Entry<String, Float> entry : raw.entrySet()) {
            Optional<String> name = IntentNames.canonical(entry.getKey());
            if (name.isEmpty()) {
                return Checked.refused(RefusalReason.INVALID_CONFIDENCE, "confidence for '"
                        + shorten(entry.getKey()) + "', which is not an intent name");
            }
            Float value = entry.getValue();
            if (value == null || !(value >= 0f && value <= 1f)) {
                return Checked.refused(RefusalReason.INVALID_CONFIDENCE, "confidence " + value + " of intent "
                        + name.get() + " is not a finite number in [0, 1]");
            }
            Float earlier = out.put(name.get(), value);
            if (earlier != null && !earlier.equals(value)) {
                // Two spellings of one intent with different values: which one the labeler meant is unknowable.
                return Checked.refused(RefusalReason.INVALID_CONFIDENCE, "two confidences for intent " + name.get()
                        + ": " + earlier + " and " + value);
            }
        }
        return Checked.accepted(out);
    }

    private static String shorten(String raw) {
        if (raw == null) {
            return "null";
        }
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
}
