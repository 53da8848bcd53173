package dev.sift.demo;

import dev.sift.modelops.label.FailureKind;
import dev.sift.modelops.label.LabelingException;
import dev.sift.modelops.label.Teacher;
import dev.sift.modelops.label.TeacherAnswer;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.Polarity;
import java.util.List;
import java.util.Map;

/**
 * The demo's stand-in for the LLM teacher: it labels a forwarded or audited snippet with what the generator wrote it
 * for (its intent, or the attitude of a brand post). No LLM runs here, so the judgement comes from the generator; all
 * around it (feedback records, the data set, retraining, the signed release, the hot swap) is what a real teacher
 * drives. Its labels carry origin {@code LLM}, since it stands in for one, and the labeler name {@value #NAME}.
 */
final class StandInTeacher implements Teacher {

    /** The labeler name in every feedback record it writes. */
    static final String NAME = "stand-in-teacher (generator ground truth)";
    private static final String POST = "post-";

    private final Map<String, GeneratedSnippet> bySnippetId;

    /**
     * @param bySnippetId the generated snippets by id (read concurrently by the labeler's pool)
     */
    StandInTeacher(Map<String, GeneratedSnippet> bySnippetId) {
        this.bySnippetId = Map.copyOf(bySnippetId);
    }

    @Override
    public TeacherAnswer label(LlmRequest request) throws LabelingException {
        String id = request.getSnippet() == null ? null : request.getSnippet().getSnippetId();
        GeneratedSnippet generated = id == null ? null : bySnippetId.get(id);
        if (generated == null) {
            throw new LabelingException(FailureKind.INVALID_REQUEST, "the generator did not write snippet " + id);
        }
        String truth = generated.truth();
        List<String> hints = generated.snippet().getBrandHints();
        String brand = hints.isEmpty() ? null : hints.get(0);
        if (truth.startsWith(POST)) {
            return new TeacherAnswer(LabelOrigin.LLM, NAME, List.of(),
                    Polarity.valueOf(truth.substring(POST.length()).toUpperCase(java.util.Locale.ROOT)), brand,
                    Map.of());
        }
        List<String> intents = generated.relevant() ? List.of(truth) : List.of();
        return new TeacherAnswer(LabelOrigin.LLM, NAME, intents, null, brand, Map.of());
    }
}
