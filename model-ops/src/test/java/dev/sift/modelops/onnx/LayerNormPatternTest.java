package dev.sift.modelops.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerNormPatternTest {

    @Test
    void shouldMatchALayerNormInTheFormExportsWriteIt() {
        // Given a layer norm as BERT-family exports write it
        TinyGraph tiny = TinyGraph.withInputX();
        String output = tiny.exportedLayerNorm("x", 2f);
        GraphIndex index = tiny.outputs(output).index();

        // When layer norms are looked for
        List<LayerNormMatch> found = LayerNormPattern.all(index);

        // Then there is one, with gamma and beta, in the form ONNX Runtime fuses, found from its input too
        assertThat(found).hasSize(1);
        LayerNormMatch norm = found.get(0);
        assertThat(norm.input()).isEqualTo("x");
        assertThat(norm.output()).isEqualTo(output);
        assertThat(norm.hasAffine()).isTrue();
        assertThat(norm.fusableByOnnxRuntime()).isTrue();
        assertThat(LayerNormPattern.reading(index, "x")).contains(norm);
    }

    @Test
    void shouldMatchALayerNormWrittenWithAProductAndAReciprocal() {
        // Given a layer norm whose square is Mul(d, d) and whose division is a Mul by a Reciprocal
        TinyGraph tiny = TinyGraph.withInputX();
        GraphOps ops = tiny.ops;
        String mean = ops.op("ReduceMean", "mean", List.of("x"), Nodes.intsAttr("axes", -1));
        String d = ops.op("Sub", "centered", List.of("x", mean));
        String variance = ops.op("ReduceMean", "variance", List.of(ops.op("Mul", "square", List.of(d, d))),
                Nodes.intsAttr("axes", -1));
        String sigma = ops.op("Sqrt", "sigma", List.of(ops.op("Add", "plus_epsilon", List.of(variance,
                tiny.weight("epsilon")))));
        String normalized = ops.op("Mul", "normalized", List.of(d, ops.op("Reciprocal", "inverse", List.of(sigma))));
        GraphIndex index = tiny.outputs(normalized).index();

        // When layer norms are looked for
        List<LayerNormMatch> found = LayerNormPattern.all(index);

        // Then it is one, without gamma and beta, and not in the form ONNX Runtime fuses
        assertThat(found).singleElement().satisfies(norm -> {
            assertThat(norm.output()).isEqualTo(normalized);
            assertThat(norm.hasAffine()).isFalse();
            assertThat(norm.fusableByOnnxRuntime()).isFalse();
        });
    }

    @Test
    void shouldNotMatchWhenTheCenteredInputIsNotSquared() {
        // Given the layer norm's chain with a cube where the square belongs
        TinyGraph tiny = TinyGraph.withInputX();
        String output = tiny.exportedLayerNorm("x", 3f);

        // When layer norms are looked for, then there is none
        assertThat(LayerNormPattern.all(tiny.outputs(output).index())).isEmpty();
    }
}
