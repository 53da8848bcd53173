package dev.sift.modelops.learning;

import dev.sift.classifier.context.SpokenTurn;
import dev.sift.schema.RequestKind;
import java.util.List;

/**
 * What a forwarded or audit request contributes to an example: the snippet's text, the earlier turns of its thread
 * it was judged with, and what the model said of it.
 *
 * @param snippetId the snippet
 * @param text its text (cut to {@code max-text-chars})
 * @param kind {@code FORWARD} or {@code AUDIT}
 * @param modelIntents the intents the model matched (at or above their threshold), sorted
 * @param modelVersion the model that decided
 * @param tenant the snippet's tenant (cut to the label limit; empty when unknown)
 * @param auditRate for an audit request, the rate its policy sampled the dropped snippets at, in (0, 1]; 0 otherwise
 *     or when unknown (the snippet then counts for training, not for the quality estimate)
 * @param context the earlier turns of its thread that a context-aware model judged it with, oldest first; empty when
 *     none
 */
public record RequestText(String snippetId, String text, RequestKind kind, List<String> modelIntents,
        String modelVersion, String tenant, double auditRate, List<SpokenTurn> context) {

    /** Copies the intents and the context; an audit rate outside (0, 1] is unknown. */
    public RequestText {
        modelIntents = List.copyOf(modelIntents);
        context = context == null ? List.of() : List.copyOf(context);
        tenant = tenant == null ? "" : tenant;
        auditRate = kind == RequestKind.AUDIT && auditRate > 0 && auditRate <= 1 ? auditRate : 0;
    }

    /**
     * A request without context.
     *
     * @param snippetId the snippet
     * @param text its text
     * @param kind forwarded or audited
     * @param modelIntents the intents the model matched
     * @param modelVersion the model that decided
     * @param tenant the snippet's tenant
     * @param auditRate the audit rate of an audit request
     */
    public RequestText(String snippetId, String text, RequestKind kind, List<String> modelIntents,
            String modelVersion, String tenant, double auditRate) {
        this(snippetId, text, kind, modelIntents, modelVersion, tenant, auditRate, List.of());
    }

    /**
     * A request without a tenant, an audit rate or context.
     *
     * @param snippetId the snippet
     * @param text its text
     * @param kind forwarded or audited
     * @param modelIntents the intents the model matched
     * @param modelVersion the model that decided
     */
    public RequestText(String snippetId, String text, RequestKind kind, List<String> modelIntents,
            String modelVersion) {
        this(snippetId, text, kind, modelIntents, modelVersion, "", 0, List.of());
    }
}
