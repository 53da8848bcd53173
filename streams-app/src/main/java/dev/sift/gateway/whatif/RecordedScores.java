package dev.sift.gateway.whatif;

import dev.sift.gateway.policy.ForwardScores;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.IntentScore;
import dev.sift.schema.Polarity;
import dev.sift.schema.ReputationScores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A recorded decision as the forward rule reads it: the intents it kept and its reputation scores. */
final class RecordedScores implements ForwardScores {

    private final Map<String, Float> intents;
    private final ReputationScores reputation;

    private RecordedScores(Map<String, Float> intents, ReputationScores reputation) {
        this.intents = intents;
        this.reputation = reputation;
    }

    /**
     * @param decision a decision
     * @return its scores
     */
    static ForwardScores of(FilterDecision decision) {
        Map<String, Float> intents = new LinkedHashMap<>();
        for (IntentScore s : decision.getIntents()) {
            intents.put(s.getIntent(), s.getScore());
        }
        return new RecordedScores(intents, decision.getReputation());
    }

    @Override
    public Map<String, Float> intents() {
        return intents;
    }

    @Override
    public float polarity(Polarity polarity) {
        if (reputation == null) {
            return 0f;
        }
        return switch (polarity) {
            case NEGATIVE -> reputation.getNegative();
            case NEUTRAL -> reputation.getNeutral();
            case POSITIVE -> reputation.getPositive();
        };
    }

    @Override
    public List<String> brands() {
        return reputation == null ? List.of() : reputation.getBrands();
    }
}
