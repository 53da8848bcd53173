package dev.sift.gateway.context;

import dev.sift.classifier.Classification;
import dev.sift.classifier.ClassificationException;
import dev.sift.classifier.context.ContextInputs;
import dev.sift.classifier.context.ContextualText;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.PendingSnippet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a micro-batch with a context-aware model: each turn with its thread's memory, and each scored turn's
 * embedding folded into that memory, which is stored with the batch's outputs.
 *
 * <p>A batch is scored as if its turns came one by one. Each turn is first taken into its conversation in input order
 * (its thread resolved, made the most recently active, its snippet id remembered), then the turns are scored in
 * rounds: a round holds at most one turn per thread, in input order, so a later turn of a thread sees the earlier
 * one's embedding. When every turn is in a thread of its own, as is common, the batch is one inference call. A round
 * whose call fails is scored turn by turn; a turn that still fails folds nothing. The outcomes are returned in input
 * order, each scored one with the thread's latest turns as text that it was judged after.
 */
public final class ThreadedScoring {

    private final ConversationContexts contexts;
    private final ThreadResolver resolver = new ThreadResolver();

    /**
     * @param contexts the task's conversation contexts
     */
    public ThreadedScoring(ConversationContexts contexts) {
        this.contexts = contexts;
    }

    /**
     * @param batch snippets in input order
     * @param modelVersion the leased model's version
     * @param inputs what the leased model reads of a thread
     * @param inference the leased model's inference
     * @return each snippet's outcome, in input order
     */
    public List<TurnOutcome> score(List<PendingSnippet> batch, String modelVersion, ContextInputs inputs,
            ContextInference inference) {
        Map<String, ConversationMemory> conversations = new LinkedHashMap<>();
        List<Turn> turns = new ArrayList<>(batch.size());
        Map<ThreadState, Integer> turnsPerThread = new IdentityHashMap<>();
        int rounds = 0;
        for (PendingSnippet pending : batch) {
            ConversationSnippet snippet = pending.getSnippet();
            ConversationMemory conversation = conversations.computeIfAbsent(pending.getKey(),
                    key -> contexts.read(key, modelVersion, inputs.width()));
            ThreadState thread = conversation.take(resolver.resolve(snippet, conversation), snippet.getSnippetId(),
                    ContextClock.timeOf(pending), contexts.config());
            int round = turnsPerThread.merge(thread, 1, Integer::sum) - 1;
            rounds = Math.max(rounds, round + 1);
            turns.add(new Turn(asContext(snippet), thread, round));
        }
        TurnOutcome[] outcomes = new TurnOutcome[batch.size()];
        for (int round = 0; round < rounds; round++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < turns.size(); i++) {
                if (turns.get(i).round() == round) {
                    members.add(i);
                }
            }
            scoreRound(members, turns, inference, outcomes);
        }
        conversations.forEach(contexts::write);
        return Arrays.asList(outcomes);
    }

    private static ContextTurn asContext(ConversationSnippet snippet) {
        // Avro's builders deep-copy and validate on every build; every field here is set from a decoded snippet.
        return new ContextTurn(snippet.getSnippetId(), snippet.getSpeaker().getRole(), snippet.getText());
    }

    private void scoreRound(List<Integer> members, List<Turn> turns, ContextInference inference,
            TurnOutcome[] outcomes) {
        List<ContextualText> texts = members.stream().map(i -> turns.get(i).inContext()).toList();
        List<Classification> scores;
        try {
            scores = inference.classify(texts);
        } catch (ClassificationException roundFailed) {
            for (int i : members) {
                outcomes[i] = alone(turns.get(i), inference);
            }
            return;
        }
        for (int m = 0; m < members.size(); m++) {
            outcomes[members.get(m)] = folded(turns.get(members.get(m)), scores.get(m));
        }
    }

    private TurnOutcome alone(Turn turn, ContextInference inference) {
        Classification scores;
        try {
            scores = inference.classify(List.of(turn.inContext())).get(0);
        } catch (ClassificationException e) {
            return new TurnOutcome.Failed(e);
        }
        return folded(turn, scores);
    }

    private TurnOutcome folded(Turn turn, Classification scores) {
        List<ContextTurn> judgedWith = turn.thread().recentTurns();
        try {
            turn.thread().fold(turn.said(), scores.embedding(), contexts.config());
        } catch (IllegalArgumentException e) {
            return new TurnOutcome.Failed(new ClassificationException("the context-aware model returned no usable"
                    + " embedding for the turn: " + e.getMessage(), e));
        }
        return new TurnOutcome.Scored(scores, judgedWith);
    }

    /**
     * One turn of the batch.
     *
     * @param said who said what, as the thread remembers it
     * @param thread its thread
     * @param round the scoring round: how many turns of its thread come before it in the batch
     */
    private record Turn(ContextTurn said, ThreadState thread, int round) {

        ContextualText inContext() {
            return new ContextualText(said.getText(), thread.memory());
        }
    }
}
