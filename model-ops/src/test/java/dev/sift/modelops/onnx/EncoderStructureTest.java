package dev.sift.modelops.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncoderStructureTest {

    @Test
    void shouldFindADecomposedLayerNormWithItsGammaAndBeta() {
        TinyGraph tiny = TinyGraph.withInputX();
        String output = tiny.exportedLayerNorm("x", 2f);

        assertThat(new EncoderStructure(tiny.outputs(output)).layerNorms()).containsExactly(output);
    }

    @Test
    void shouldNotTakeAChainThatDoesNotSquareForALayerNorm() {
        // Given the layer norm's chain with a cube where the square belongs: not a normalization
        TinyGraph tiny = TinyGraph.withInputX();
        String output = tiny.exportedLayerNorm("x", 3f);

        // When the encoder structure lists layer norms, then it agrees with the rewriter: there is none
        assertThat(new EncoderStructure(tiny.outputs(output)).layerNorms()).isEmpty();
    }
}
