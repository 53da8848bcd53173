package dev.sift.modelops.label;

import dev.sift.schema.LabelOrigin;
import dev.sift.schema.Polarity;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A teacher's labels for one snippet.
 *
 * @param origin who labeled (the LLM, a rule, a person)
 * @param labeler which one: the model name the API reported, a rule name
 * @param intents intents that apply, possibly outside the catalogue; empty means irrelevant
 * @param polarity attitude toward the brand or company, or null when not given
 * @param brand the brand the snippet is about, or null
 * @param confidences confidence per intent in [0,1], possibly empty
 */
public record TeacherAnswer(LabelOrigin origin, String labeler, List<String> intents, Polarity polarity, String brand,
        Map<String, Float> confidences) {

    /** Copies the collections; origin, labeler and intents are required. */
    public TeacherAnswer {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(labeler, "labeler");
        intents = List.copyOf(intents);
        confidences = Map.copyOf(confidences);
    }
}
