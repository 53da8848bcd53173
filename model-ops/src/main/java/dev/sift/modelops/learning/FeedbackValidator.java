package dev.sift.modelops.learning;

import dev.sift.schema.LabelOrigin;
import dev.sift.schema.SnippetFeedback;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns a {@code SnippetFeedback} record into a {@link SnippetLabel}, or refuses it with its reason: the feedback
 * topic is one platforms may write, so every field is bounded and checked before it can influence a model.
 * Version-1 records (no label time) take the record's timestamp. The labeler's confidences are kept with the label
 * (checked by {@link FeedbackConfidences}), so fine-tuning can learn from them as soft targets.
 */
public final class FeedbackValidator {

    private final RecordLimits limits;

    /**
     * @param limits the bounds
     */
    public FeedbackValidator(RecordLimits limits) {
        this.limits = limits;
    }

    /**
     * @param feedback a decoded record
     * @param recordTimestamp the Kafka record's timestamp (epoch ms), used when the label has no time
     * @param now the current time
     * @return the label, or why it is refused
     */
    public Checked<SnippetLabel> check(SnippetFeedback feedback, long recordTimestamp, Instant now) {
        String snippetId = feedback.getSnippetId();
        if (!RecordLimits.validSnippetId(snippetId)) {
            return Checked.refused(RefusalReason.INVALID_SNIPPET_ID, "snippet id blank or over "
                    + RecordLimits.MAX_SNIPPET_ID_CHARS + " characters");
        }
        if (feedback.getIntents().size() > limits.maxIntentsPerLabel()) {
            return Checked.refused(RefusalReason.TOO_MANY_INTENTS, feedback.getIntents().size() + " intents, at most "
                    + limits.maxIntentsPerLabel());
        }
        TreeSet<String> intents = new TreeSet<>();
        for (String raw : feedback.getIntents()) {
            Optional<String> name = IntentNames.canonical(raw);
            if (name.isEmpty()) {
                return Checked.refused(RefusalReason.INVALID_INTENT, "intent '" + shorten(raw) + "' is not a name of"
                        + " lower-case letters, digits and underscores of at most " + IntentNames.MAX_LENGTH
                        + " characters");
            }
            intents.add(name.get());
        }
        Checked<Map<String, Float>> confidences = FeedbackConfidences.check(feedback.getConfidences());
        if (confidences.refusal() != null) {
            return Checked.refused(confidences.refusal(), confidences.detail());
        }
        String labeler = feedback.getLabeler() == null ? "" : feedback.getLabeler();
        String brand = feedback.getBrand();
        if (labeler.length() > limits.maxLabelChars() || (brand != null && brand.length() > limits.maxLabelChars())) {
            return Checked.refused(RefusalReason.LABEL_TOO_LONG, "labeler or brand over " + limits.maxLabelChars()
                    + " characters");
        }
        long labeledAt = feedback.getLabeledAt() != null && feedback.getLabeledAt().toEpochMilli() > 0
                ? feedback.getLabeledAt().toEpochMilli() : recordTimestamp > 0 ? recordTimestamp : now.toEpochMilli();
        if (labeledAt > now.plus(limits.maxClockSkew()).toEpochMilli()) {
            return Checked.refused(RefusalReason.FUTURE_LABEL_TIME, "labeled at " + Instant.ofEpochMilli(labeledAt)
                    + ", after now (" + now + ") plus " + limits.maxClockSkew());
        }
        LabelOrigin origin = feedback.getOrigin() == null ? LabelOrigin.HUMAN : feedback.getOrigin();
        String polarity = feedback.getPolarity() == null ? null
                : feedback.getPolarity().name().toLowerCase(Locale.ROOT);
        return Checked.accepted(new SnippetLabel(snippetId, intents.stream().toList(), polarity,
                brand == null || brand.isBlank() ? null : brand, origin, labeler, labeledAt, confidences.value()));
    }

    private static String shorten(String raw) {
        if (raw == null) {
            return "null";
        }
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
}
