package dev.sift.benchmarks.dialogue;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.context.ContextReplay;
import dev.sift.classifier.context.TurnRole;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.IntentScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a gateway's decisions on replayed dialogues with the offline evaluation of the same bundle on the same
 * turns ({@link ContextReplay}: each turn scored with the texts before it in its dialogue), turn by turn: the top
 * intent, every intent's score, and the accuracy of each against the labels.
 */
public final class ReplayComparison {

    /** Scores that differ by less than this are the same score (batch composition moves the last float bits). */
    public static final double SCORE_TOLERANCE = 1e-4;
    private static final int OFFLINE_BATCH = 256;

    /**
     * The comparison's figures.
     *
     * @param dialogues dialogues replayed
     * @param turns turns replayed (both sides)
     * @param labeledTurns customer turns with a labeled intent, the ones compared
     * @param sameTopIntent labeled turns whose top intent the gateway and the offline evaluation agree on
     * @param scoresWithinTolerance labeled turns whose every intent score agrees within {@link #SCORE_TOLERANCE}
     * @param maxScoreDifference the largest difference of one intent's score
     * @param gatewayAccuracy share of labeled turns whose gateway top intent is the label
     * @param offlineAccuracy the same for the offline evaluation
     * @param aloneAccuracy the same for the same bundle judging each turn alone (empty context)
     * @param disagreements up to ten turns where the top intents differ, for the report
     */
    public record Result(int dialogues, int turns, int labeledTurns, int sameTopIntent, int scoresWithinTolerance,
            double maxScoreDifference, double gatewayAccuracy, double offlineAccuracy, double aloneAccuracy,
            List<String> disagreements) {
    }

    private ReplayComparison() {
    }

    /**
     * @param classifier the bundle the gateway ran, opened in this JVM
     * @param dialogues the replayed dialogues
     * @param decisions the gateway's decisions by snippet id
     * @return the comparison
     */
    public static Result compare(SnippetClassifier classifier, List<ReplayedDialogue> dialogues,
            Map<String, FilterDecision> decisions) {
        List<ContextReplay.TurnInThread> inThread = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int turns = 0;
        for (ReplayedDialogue dialogue : dialogues) {
            for (int i = 0; i < dialogue.turns().size(); i++) {
                turns++;
                ReplayedDialogue.Turn turn = dialogue.turns().get(i);
                if (turn.spoken().role() == TurnRole.CUSTOMER && turn.intent() != null) {
                    inThread.add(new ContextReplay.TurnInThread(turn.spoken().text(), dialogue.earlier(i)));
                    texts.add(turn.spoken().text());
                    labels.add(turn.intent());
                    ids.add(dialogue.snippetId(i));
                }
            }
        }
        ContextReplay replay = new ContextReplay(classifier);
        List<Classification> offline = new ArrayList<>();
        List<Classification> alone = new ArrayList<>();
        for (int from = 0; from < inThread.size(); from += OFFLINE_BATCH) {
            int to = Math.min(inThread.size(), from + OFFLINE_BATCH);
            offline.addAll(replay.classify(inThread.subList(from, to)));
            alone.addAll(classifier.classify(texts.subList(from, to)));
        }
        int same = 0;
        int within = 0;
        double maxDifference = 0;
        int gatewayRight = 0;
        int offlineRight = 0;
        int aloneRight = 0;
        List<String> disagreements = new ArrayList<>();
        for (int t = 0; t < ids.size(); t++) {
            FilterDecision decision = decisions.get(ids.get(t));
            if (decision == null) {
                throw new IllegalStateException("no decision for " + ids.get(t));
            }
            Classification expected = offline.get(t);
            String gatewayTop = null;
            double gatewayBest = -1;
            double turnMax = 0;
            for (IntentScore score : decision.getIntents()) {
                if (score.getScore() > gatewayBest) {
                    gatewayBest = score.getScore();
                    gatewayTop = score.getIntent();
                }
                turnMax = Math.max(turnMax, Math.abs(score.getScore() - expected.intent(score.getIntent())));
            }
            if (decision.getIntents().size() != expected.intents().size()) {
                turnMax = Double.POSITIVE_INFINITY;
            }
            maxDifference = Math.max(maxDifference, turnMax);
            within += turnMax < SCORE_TOLERANCE ? 1 : 0;
            String offlineTop = expected.topIntent();
            if (offlineTop.equals(gatewayTop)) {
                same++;
            } else if (disagreements.size() < 10) {
                disagreements.add(ids.get(t) + ": gateway " + gatewayTop + ", offline " + offlineTop);
            }
            gatewayRight += labels.get(t).equals(gatewayTop) ? 1 : 0;
            offlineRight += labels.get(t).equals(offlineTop) ? 1 : 0;
            aloneRight += labels.get(t).equals(alone.get(t).topIntent()) ? 1 : 0;
        }
        int n = Math.max(1, ids.size());
        return new Result(dialogues.size(), turns, ids.size(), same, within, maxDifference,
                (double) gatewayRight / n, (double) offlineRight / n, (double) aloneRight / n, disagreements);
    }
}
