package dev.sift.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The phrase bank the generator fills: brands with their products, names, customer turns per intent, chit-chat,
 * agent boilerplate, agent offers with the short replies that accept them, and public brand posts, written for this
 * project ({@code phrasebank.json}).
 *
 * @param brands fictional brands
 * @param customerNames first names of customers and participants
 * @param agentNames first names of support agents
 * @param relevant customer turn templates per intent
 * @param irrelevant chit-chat and hard negatives
 * @param agentTurns support agent turns
 * @param brandPosts public posts by polarity
 * @param openers conversation openers
 * @param closers conversation sign-offs
 * @param offers agent offers per intent, which a customer's short yes turns into that intent
 * @param affirmations short yes replies, which say nothing alone
 * @param agreements short "same here" replies to a participant's turn, which say nothing alone
 * @param smallQuestions agent questions a short yes answers without any intent
 */
public record PhraseBank(List<Brand> brands, List<String> customerNames, List<String> agentNames,
        Map<String, List<String>> relevant, List<String> irrelevant, List<String> agentTurns,
        Map<String, List<String>> brandPosts, List<String> openers, List<String> closers,
        Map<String, List<String>> offers, List<String> affirmations, List<String> agreements,
        List<String> smallQuestions) {

    /**
     * A fictional brand.
     *
     * @param name display name
     * @param handle social handle
     * @param domain business domain
     * @param products what it sells
     */
    public record Brand(String name, String handle, String domain, List<String> products) {

        /** @return the brand as a tenant id, e.g. {@code nimbus-mobile} */
        public String tenant() {
            return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        }
    }

    /** @return the bank shipped with the demo */
    public static PhraseBank load() {
        try (InputStream in = PhraseBank.class.getResourceAsStream("phrasebank.json")) {
            if (in == null) {
                throw new IllegalStateException("phrasebank.json is missing from the demo jar");
            }
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(in, PhraseBank.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the phrase bank", e);
        }
    }
}
