package dev.sift.modelops.learning;

import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import dev.sift.modelops.dataset.ContextLimits;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.IntentScore;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.RequestKind;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns a forwarded or audit {@code LlmRequest} into the {@link RequestText} an example needs, or refuses it. Texts
 * longer than {@code max-text-chars} are cut (the model reads far fewer tokens), the model's matched intents are
 * bounded like a label's, and of the context the latest turns are kept within bounds (see {@code context}), each cut
 * like a text, blank ones skipped.
 */
public final class RequestValidator {

    /** How many texts' worth of characters an example's context may hold in all. */
    static final int CONTEXT_TEXTS = 4;

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
        double auditRate = request.getPolicy() == null ? 0 : request.getPolicy().getAuditRate();
        return Checked.accepted(new RequestText(snippetId, text,
                request.getKind() == null ? RequestKind.FORWARD : request.getKind(), matched.stream().toList(),
                RecordLimits.cut(model, limits.maxLabelChars()), tenant(request),
                Double.isFinite(auditRate) ? auditRate : 0, context(request)));
    }

    /**
     * The latest turns, newest first while they fit, then put back in order: at most {@link ContextLimits#MAX_TURNS}
     * turns of at most {@code max-text-chars} each and {@value #CONTEXT_TEXTS} texts' worth in all, so a forged request
     * cannot make one example hold megabytes.
     */
    private List<SpokenTurn> context(LlmRequest request) {
        List<ContextTurn> turns = request.getContext() == null ? List.of() : request.getContext();
        int perTurn = Math.min(limits.maxTextChars(), ContextLimits.MAX_TURN_CHARS);
        long room = (long) CONTEXT_TEXTS * limits.maxTextChars();
        LinkedList<SpokenTurn> kept = new LinkedList<>();
        for (int i = turns.size() - 1; i >= 0 && kept.size() < ContextLimits.MAX_TURNS && room > 0; i--) {
            ContextTurn turn = turns.get(i);
            if (turn.getText() == null || turn.getText().isBlank()) {
                continue;
            }
            String text = RecordLimits.cut(turn.getText(), (int) Math.min(perTurn, room));
            kept.addFirst(new SpokenTurn(TurnRole.of(turn.getRole().name()), text));
            room -= text.length();
        }
        return kept;
    }

    private String tenant(LlmRequest request) {
        String tenant = request.getSnippet().getTenant();
        return tenant == null ? "" : RecordLimits.cut(tenant, limits.maxLabelChars());
    }
}
