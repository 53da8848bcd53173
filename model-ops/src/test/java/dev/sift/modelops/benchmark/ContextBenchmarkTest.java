package dev.sift.modelops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.console.Progress;
import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import dev.sift.modelops.context.TurnFeatures;
import dev.sift.modelops.dataset.DialogueTurn;
import dev.sift.modelops.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextBenchmarkTest {

    private static final List<String> INTENTS = List.of("Cancel", "Reserve");

    /**
     * "yes" turns whose intent only the system's question tells: "cancel?" or "book?". The embeddings carry a little
     * noise so the head has something to regularize.
     */
    private static List<DialogueTurn> turns(String split, int count, Map<String, float[]> embeddings, Random random) {
        List<DialogueTurn> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean cancel = i % 2 == 0;
            String yes = "yes " + split + i;
            String question = (cancel ? "cancel? " : "book? ") + split + i;
            embeddings.put(yes, new float[] {1 + 0.1f * (float) random.nextGaussian(), 0.1f * (float) random.nextGaussian()});
            embeddings.put(question, new float[] {0.1f * (float) random.nextGaussian(),
                    (cancel ? 1 : -1) + 0.1f * (float) random.nextGaussian()});
            out.add(new DialogueTurn(split + i, 2, yes, cancel ? "Cancel" : "Reserve",
                    List.of(new SpokenTurn(TurnRole.SERVICE, question))));
        }
        return out;
    }

    @Test
    void shouldRecognizeWithContextWhatTheTurnAloneCannotTell() {
        // Given "yes" turns whose intent only the previous system turn tells
        Map<String, float[]> embeddings = new java.util.HashMap<>();
        Random random = new Random(7);
        List<DialogueTurn> train = turns("train", 200, embeddings, random);
        List<DialogueTurn> validation = turns("dev", 50, embeddings, random);
        List<DialogueTurn> test = turns("test", 100, embeddings, random);
        ContextBenchmark benchmark = new ContextBenchmark(TrainingOptions.defaults().withThreads(1),
                new ContextBenchmark.Settings(List.of(ContextDesign.TURN, ContextDesign.TURN_SYSTEM), 1000, 1000, 0),
                Progress.NONE);

        // When heads are trained on the turn alone and on the turn with the system turn
        List<ContextBenchmark.Result> results = benchmark.run(INTENTS, train, validation, test,
                new TurnFeatures(embeddings, 2));

        // Then the turn alone is a coin toss and the context tells every intent
        assertThat(results).extracting(ContextBenchmark.Result::design)
                .containsExactly(ContextDesign.TURN, ContextDesign.TURN_SYSTEM);
        assertThat(results.get(0).accuracy()).isBetween(0.3, 0.7);
        assertThat(results.get(1).accuracy()).isGreaterThan(0.97);
        assertThat(results.get(1).width()).isEqualTo(4);
        assertThat(results.get(1).testTurns()).isEqualTo(100);
    }

    @Test
    void shouldSampleWholeDialoguesUpToTheLimit() {
        // Given three dialogues of 2, 3 and 1 turns
        List<DialogueTurn> turns = new ArrayList<>();
        for (String[] dialogue : new String[][] {{"a", "2"}, {"b", "3"}, {"c", "1"}}) {
            for (int i = 0; i < Integer.parseInt(dialogue[1]); i++) {
                turns.add(new DialogueTurn(dialogue[0], 2 * i, dialogue[0] + i, "X", List.of()));
            }
        }

        // When at most 4 turns are drawn
        List<DialogueTurn> sample = ContextBenchmark.sample(turns, 4, 0);

        // Then every drawn dialogue is whole, and the same seed draws the same turns
        assertThat(sample.size()).isBetween(1, 4);
        for (DialogueTurn turn : sample) {
            assertThat(sample.stream().filter(t -> t.dialogue().equals(turn.dialogue())).count())
                    .isEqualTo(turns.stream().filter(t -> t.dialogue().equals(turn.dialogue())).count());
        }
        assertThat(ContextBenchmark.sample(turns, 4, 0)).isEqualTo(sample);
        assertThat(ContextBenchmark.sample(turns, 6, 0)).isEqualTo(turns);
    }
}
