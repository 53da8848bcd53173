package dev.sift.modelops.vocab;

import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a pruned vocabulary must keep, before the data is known: the tokens of the texts a search trains and
 * calibrates on (which the search supplies), of the general-text corpus files, and every id below a floor. The one
 * place that says which texts a pruned vocabulary is chosen on, for {@code model-ops optimize} and for the service's
 * scheduled runs alike.
 *
 * @param floorIds keep every id below this too (0: none); bert-base-uncased lists word pieces roughly from frequent to
 *     rare, so the first ids stand in for general English
 * @param corpusFiles general text read with {@link VocabularyCorpus} (CLINC150, NLU++ folders, JSONL, CSV, lines)
 */
public record VocabularyPlan(int floorIds, List<Path> corpusFiles) {

    /** The floor at which the measured CLINC150 bundle lost nothing against the full vocabulary (docs/fine-tuning.md). */
    public static final int DEFAULT_FLOOR = 10_000;

    /**
     * @param floorIds keep every id below this too
     * @param corpusFiles general-text files
     * @throws IllegalArgumentException for a negative floor
     */
    public VocabularyPlan {
        if (floorIds < 0) {
            throw new IllegalArgumentException("vocabulary floor must be 0 or more, not " + floorIds);
        }
        corpusFiles = List.copyOf(corpusFiles);
    }

    /**
     * Chooses the kept tokens for one search.
     *
     * @param tokenizerJson the base bundle's full tokenizer (untrusted: checked)
     * @param refit the labeled data the search re-fits on: its train and validation texts are kept
     * @param traffic further texts to keep, e.g. the recent snippets the search calibrates on
     * @return the pruning, ready to apply to every candidate
     * @throws InvalidTokenizerException when the tokenizer file cannot be pruned
     */
    public VocabularyPruning choose(Path tokenizerJson, Dataset refit, Collection<String> traffic) {
        List<String> corpus = new ArrayList<>();
        refit.train().stream().map(LabeledSnippet::text).forEach(corpus::add);
        refit.validation().stream().map(LabeledSnippet::text).forEach(corpus::add);
        corpus.addAll(traffic);
        for (Path file : corpusFiles) {
            corpus.addAll(VocabularyCorpus.read(file));
        }
        return VocabularyPruning.choose(tokenizerJson, corpus, floorIds);
    }
}
