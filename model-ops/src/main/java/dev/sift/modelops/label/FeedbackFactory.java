package dev.sift.modelops.label;

import dev.sift.schema.LlmRequest;
import dev.sift.schema.SnippetFeedback;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a teacher's answer into the feedback record: intents are kept only when the catalogue has them (in catalogue
 * order, once each); the others are dropped and reported, and so are confidences of intents outside the catalogue.
 * An answer whose intents are all outside the catalogue labels the snippet irrelevant: none of the catalogue's
 * intents applies, which is what the answer says in the catalogue's terms.
 */
public final class FeedbackFactory {

    private final IntentCatalogue catalogue;
    private final Clock clock;

    /**
     * The feedback of one request, and what was dropped from the answer.
     *
     * @param feedback the record for the feedback topic
     * @param unknownIntents intent names of the answer outside the catalogue
     */
    public record Labeled(SnippetFeedback feedback, List<String> unknownIntents) {
    }

    /**
     * @param catalogue the intents that may be labeled
     * @param clock when labels are made
     */
    public FeedbackFactory(IntentCatalogue catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * @param request the labeled request
     * @param answer the teacher's answer
     * @return the feedback, keyed by the snippet id
     */
    public Labeled feedback(LlmRequest request, TeacherAnswer answer) {
        Set<String> known = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String intent : answer.intents()) {
            Optional<String> name = catalogue.canonical(intent);
            if (name.isPresent()) {
                known.add(name.get());
            } else {
                unknown.add(intent.strip());
            }
        }
        List<String> ordered = catalogue.names().stream().filter(known::contains).toList();
        Map<String, Float> confidences = new LinkedHashMap<>();
        answer.confidences().forEach((intent, confidence) -> catalogue.canonical(intent)
                .ifPresent(name -> confidences.put(name, confidence)));
        SnippetFeedback feedback = SnippetFeedback.newBuilder()
                .setSnippetId(request.getSnippet().getSnippetId())
                .setIntents(ordered)
                .setPolarity(answer.polarity())
                .setSource(answer.origin().name().toLowerCase(Locale.ROOT))
                .setLabeledAt(clock.instant())
                .setOrigin(answer.origin())
                .setLabeler(answer.labeler())
                .setBrand(answer.brand())
                .setConfidences(confidences)
                .setContext(List.of())
                .build();
        return new Labeled(feedback, List.copyOf(unknown));
    }
}
