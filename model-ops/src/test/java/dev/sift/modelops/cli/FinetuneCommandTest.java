package dev.sift.modelops.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.modelops.onnx.LayerSelectionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The recipe options of {@code model-ops finetune} are checked before any data is read. */
class FinetuneCommandTest {

    /** A data file that does not exist: a refusal that names an option proves the data was never read. */
    private static final String MISSING = "/nonexistent/data.jsonl";

    private static FinetuneCommand parse(String... args) {
        FinetuneCommand command = new FinetuneCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command;
    }

    @Test
    void shouldRefuseContradictoryTeachersAndValidationOptionsBeforeReadingTheData() {
        assertThatThrownBy(() -> parse("--data", MISSING, "--teacher", "/some/bundle", "--soft-labels").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choose one");
        assertThatThrownBy(() -> parse("--data", MISSING, "--temperature", "2").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--soft-labels");
        assertThatThrownBy(() -> parse("--data", MISSING, "--no-validation", "--validation-data", "v.jsonl").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contradict");
    }

    @Test
    void shouldRefuseRecipeValuesOutOfRangeBeforeReadingTheData() {
        assertThatThrownBy(() -> parse("--data", MISSING, "--layer-decay", "0").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer-wise");
        assertThatThrownBy(() -> parse("--data", MISSING, "--validation-share", "0.9").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validation share");
        assertThatThrownBy(() -> parse("--data", MISSING, "--patience", "-1").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patience");
    }

    @Test
    void shouldRefuseALayerChoiceTheEncoderCannotHonourBeforeReadingTheData() {
        assertThatThrownBy(() -> parse("--data", MISSING, "--layers", "3", "--keep-layers", "0,2,4").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give one");
        assertThatThrownBy(() -> parse("--data", MISSING, "--keep-layers", "0,2,2").call())
                .isInstanceOf(LayerSelectionException.class).hasMessageContaining("chosen twice");
        assertThatThrownBy(() -> parse("--data", MISSING, "--layers", "0").call())
                .isInstanceOf(LayerSelectionException.class).hasMessageContaining("at least one layer");
        assertThatThrownBy(() -> parse("--data", MISSING, "--keep-layers", "0,6").call())
                .isInstanceOf(LayerSelectionException.class)
                .hasMessageContaining("layer 6 does not exist: the encoder has 6 layers");
    }

    @Test
    void shouldRefuseAnEmbeddingRankOutsideTheTableBeforeReadingTheData() {
        assertThatThrownBy(() -> parse("--data", MISSING, "--embedding-rank", "0").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--embedding-rank 0")
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> parse("--data", MISSING, "--embedding-rank", "385").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--embedding-rank 385")
                .hasMessageContaining("width 384");
    }
}
