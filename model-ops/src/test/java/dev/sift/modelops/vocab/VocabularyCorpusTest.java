package dev.sift.modelops.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The texts of vocabulary corpora in each format {@code --vocabulary-corpus} takes. */
class VocabularyCorpusTest {

    @TempDir
    Path temp;

    @Test
    void shouldReadTheTextsOfEveryCorpusFormatAndIgnoreTheirLabels() throws Exception {
        // Given one small corpus per format
        Path clinc = Files.writeString(temp.resolve("data_full.json"), """
                {"train": [["book a flight", "book_flight"]], "oos_train": [["sing to me", "oos"]],
                 "val": [["cancel my card", "cancel"]], "oos_val": [],
                 "test": [["what is my balance", "balance"]], "oos_test": []}""");
        Path folds = Files.createDirectories(temp.resolve("nlupp/banking"));
        Files.writeString(folds.resolve("fold0.json"), "[{\"text\": \"transfer money\", \"intents\": [\"transfer\"]}]");
        Files.writeString(folds.resolve("ontology.json"), "{\"intents\": {}}");
        Path jsonl = Files.writeString(temp.resolve("turns.jsonl"), "{\"text\": \"find a restaurant\", \"intent\": \"x\"}\n\n"
                + "{\"text\": \"in San Jose\"}\n");
        Path csv = Files.writeString(temp.resolve("Tweets.csv"), "tweet_id,text,airline\n1,\"late again, @united\",United\n");
        Path lines = Files.writeString(temp.resolve("english.txt"), "The quick brown fox.\n\nJumps over.\n");

        // When each is read, then every text of every split is there, and nothing else
        assertThat(VocabularyCorpus.read(clinc)).containsExactlyInAnyOrder("book a flight", "sing to me",
                "cancel my card", "what is my balance");
        assertThat(VocabularyCorpus.read(temp.resolve("nlupp"))).containsExactly("transfer money");
        assertThat(VocabularyCorpus.read(jsonl)).containsExactly("find a restaurant", "in San Jose");
        assertThat(VocabularyCorpus.read(csv)).containsExactly("late again, @united");
        assertThat(VocabularyCorpus.read(lines)).containsExactly("The quick brown fox.", "Jumps over.");
    }
}
