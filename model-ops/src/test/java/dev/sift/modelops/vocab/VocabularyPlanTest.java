package dev.sift.modelops.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.onnx.MiniLmFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which texts a pruned vocabulary is chosen on, for the optimize command and the service alike. */
class VocabularyPlanTest {

    @TempDir
    Path temp;

    @Test
    void shouldKeepTheTokensOfTheRefitTextsTheTrafficAndTheCorpusFiles() throws Exception {
        // Given labeled data, recent traffic and a general-text file, each with words the others lack
        Path tokenizerJson = MiniLmFixture.encoder().tokenizer();
        Dataset refit = Dataset.of("tiny", List.of(snippet("my card was declined", "card")),
                List.of(snippet("where is my parcel", "delivery")), List.of(snippet("zeppelin", "card")));
        List<String> traffic = List.of("the pharmacy refused my payment");
        Path corpus = Files.writeString(temp.resolve("general.txt"), "an astronomer watched the eclipse\n");

        // When the plan chooses the vocabulary
        VocabularyPruning pruning = new VocabularyPlan(0, List.of(corpus)).choose(tokenizerJson, refit, traffic);

        // Then every word of the train and validation texts, the traffic and the corpus keeps its tokens
        try (SnippetTokenizer full = SnippetTokenizer.load(tokenizerJson, 64)) {
            for (String text : List.of("declined", "parcel", "pharmacy", "astronomer", "eclipse")) {
                for (long id : full.encode(text).ids()) {
                    assertThat(pruning.kept().newId((int) id)).as("%s: token %d", text, id).isNotNegative();
                }
            }
            // And the test split, which the search judges on, is not a source of kept tokens
            long[] zeppelin = full.encode("zeppelin").ids();
            assertThat(Arrays.stream(zeppelin).filter(id -> pruning.kept().newId((int) id) < 0).count())
                    .isPositive();
        }
        assertThat(pruning.corpusTexts()).isEqualTo(4);
    }

    @Test
    void shouldRefuseANegativeFloor() {
        assertThatThrownBy(() -> new VocabularyPlan(-1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floor");
    }

    private static LabeledSnippet snippet(String text, String intent) {
        return new LabeledSnippet(text, Set.of(intent), null, null);
    }
}
