package dev.sift.modelops.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.onnx.LayerSelection;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentEncoderTest {

    @Test
    void shouldMakeAStudentWithItsOwnGraphAndPoolingOverItsLastLayers(@TempDir Path work) {
        // Given all-MiniLM-L6-v2, pooled over its last 3 layers
        Encoder base = MiniLmFixture.encoder();

        // When students keep its first 3 layers, twice, and its first 2
        Encoder three = StudentEncoder.of(base, LayerSelection.first(3), work);
        Encoder again = StudentEncoder.of(base, LayerSelection.parse("0,1,2"), work);
        Encoder two = StudentEncoder.of(base, LayerSelection.first(2), work);

        // Then each has its own graph, digest and name; the same layers give the same file; the pooling averages
        // min(3, kept) layers; the tokenizer is the base's
        assertThat(three.sha256()).isNotEqualTo(base.sha256()).isNotEqualTo(two.sha256());
        assertThat(again.onnx()).isEqualTo(three.onnx());
        assertThat(again.sha256()).isEqualTo(three.sha256());
        assertThat(three.layers()).isEqualTo(3);
        assertThat(two.layers()).isEqualTo(2);
        assertThat(three.tokenizer()).isEqualTo(base.tokenizer());
        assertThat(three.name()).isEqualTo("all-MiniLM-L6-v2 layers 0,1,2");
        assertThat(OnnxGraph.read(three.onnx()).opCounts().get("Softmax")).isEqualTo(3L);
    }

    @Test
    void shouldKeepTheBaseWhenEveryLayerIsKept(@TempDir Path work) {
        Encoder base = MiniLmFixture.encoder();

        assertThat(StudentEncoder.of(base, LayerSelection.first(6), work)).isSameAs(base);
    }
}
