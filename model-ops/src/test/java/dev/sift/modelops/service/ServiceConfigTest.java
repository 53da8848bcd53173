package dev.sift.modelops.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.optimize.SearchOptions;
import dev.sift.modelops.vocab.VocabularyPlan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search the service's settings ask for. */
class ServiceConfigTest {

    @Test
    void shouldSearchWithTheFullVocabularyUnlessAsked() {
        // Given the service's default settings
        ServiceConfig config = new ServiceConfig();

        // When it builds the search's options
        SearchOptions options = config.searchOptions();

        // Then candidates keep the full vocabulary, and the other settings are the defaults
        assertThat(options.vocabulary()).isEmpty();
        assertThat(options.pruneRatios()).containsExactly(0.0, 0.1, 0.2, 0.3);
        assertThat(options.keepFp32()).containsExactly(0, 2, 4);
        assertThat(options.maxDropPoints()).isEqualTo(0.5);
        assertThat(options.objective()).isEqualTo(SearchOptions.Objective.FASTEST);
        assertThat(options.calibrationTexts()).isEqualTo(256);
    }

    @Test
    void shouldPruneTheVocabularyWithTheConfiguredFloorAndCorpus() {
        // Given the vocabulary pruning switched on with a general-text corpus and the default floor
        ServiceConfig config = new ServiceConfig();
        config.setPruneVocabulary(true);
        config.setVocabularyCorpus(List.of("/data/general.txt", "/data/clinc150/data_full.json"));

        // When it builds the search's options
        SearchOptions options = config.searchOptions();

        // Then every candidate gets a vocabulary pruned by that plan
        assertThat(options.vocabulary()).contains(new VocabularyPlan(VocabularyPlan.DEFAULT_FLOOR,
                List.of(Path.of("/data/general.txt"), Path.of("/data/clinc150/data_full.json"))));
    }
}
