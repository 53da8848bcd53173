package dev.sift.modelops.learning;

import dev.sift.schema.IntentScore;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.RequestKind;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns a forwarded or audit {@code LlmRequest} into the {@link RequestText} an example needs, or refuses it. Texts
 * longer than {@code max-text-chars} are cut (the model reads far fewer tokens), the model's matched intents are
 * bounded like a label's.
 */
public final class RequestValidator {

    private final RecordLimits limits;

    /**
     * @param limits the bounds
     */
    public RequestValidator(RecordLimits limits) {
        this.limits = limits;
    }

    /**
     * @param request a decoded request
     * @return its text, or why it is refused
     */
    public Checked<RequestText> check(LlmRequest request) {
        String snippetId = request.getSnippet().getSnippetId();
        if (!RecordLimits.validSnippetId(snippetId)) {
            return Checked.refused(RefusalReason.INVALID_SNIPPET_ID, "snippet id blank or over "
                    + RecordLimits.MAX_SNIPPET_ID_CHARS + " characters");
        }
        String text = request.getSnippet().getText();
        if (text == null || text.isBlank()) {
            return Checked.refused(RefusalReason.NO_TEXT, "request of snippet " + snippetId + " has no text");
        }
        text = RecordLimits.cut(text, limits.maxTextChars());
        TreeSet<String> matched = new TreeSet<>();
        for (IntentScore score : request.getMatchedIntents()) {
            if (matched.size() == limits.maxIntentsPerLabel()) {
                break;
            }
            Optional<String> name = IntentNames.canonical(score.getIntent());
            name.ifPresent(matched::add);
        }
        String model = request.getModelVersion() == null ? "" : request.getModelVersion();
        return Checked.accepted(new RequestText(snippetId, text,
                request.getKind() == null ? RequestKind.FORWARD : request.getKind(), matched.stream().toList(),
                RecordLimits.cut(model, limits.maxLabelChars())));
    }
}
