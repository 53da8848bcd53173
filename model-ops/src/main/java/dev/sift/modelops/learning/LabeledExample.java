package dev.sift.modelops.learning;

import dev.sift.modelops.dataset.LabeledSnippet;
import java.util.Set;

/**
 * A snippet's text joined with its winning label: one example of the feedback data set.
 *
 * @param request the snippet's text and the model's view of it
 * @param label the label that won (see {@link LabelPrecedence})
 */
public record LabeledExample(RequestText request, SnippetLabel label) {

    /** @return the snippet id */
    public String snippetId() {
        return request.snippetId();
    }

    /** @return the example as the trainers read it, with the context it was judged with and the labeler's
     *     confidences */
    public LabeledSnippet snippet() {
        return new LabeledSnippet(request.text(), Set.copyOf(label.intents()), label.polarity(), label.brand(),
                request.context(), label.confidences());
    }
}
