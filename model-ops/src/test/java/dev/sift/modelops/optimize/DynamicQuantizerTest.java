package dev.sift.modelops.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Tensors;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DynamicQuantizerTest {

    @Test
    void shouldReproduceOnnxRuntimePythonQuantizeDynamicBitForBit() {
        // Given the FP32 encoder and the INT8 file ONNX Runtime's Python tool made of it (per-channel, reduce_range)
        OnnxGraph ours = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        OnnxGraph reference = OnnxGraph.read(Encoder.builtIn(Encoder.MINILM_INT8_REFERENCE, SiftHome.work()).onnx());

        // When our quantizer runs with the same settings
        Map<String, Integer> counts = new DynamicQuantizer(true, DynamicQuantizer.Embeddings.SYMMETRIC, Set.of())
                .quantize(ours);

        // Then the graphs have the same operators and every weight is identical
        assertThat(counts).containsEntry("matmuls", 36).containsEntry("embeddings", 3);
        assertThat(ours.opCounts()).isEqualTo(reference.opCounts());
        Map<String, TensorProto> mine = ours.initializers();
        assertThat(mine.keySet()).isEqualTo(reference.initializers().keySet());
        reference.initializers().forEach((name, tensor) -> {
            TensorProto other = mine.get(name);
            assertThat(other.getDataType()).as(name).isEqualTo(tensor.getDataType());
            assertThat(other.getDimsList()).as(name).isEqualTo(tensor.getDimsList());
            if (tensor.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                assertThat(Tensors.toFloats(other)).as(name).containsExactly(Tensors.toFloats(tensor));
            } else if (tensor.getDataType() == TensorProto.DataType.INT64_VALUE) {
                assertThat(Tensors.toLongs(other)).as(name).containsExactly(Tensors.toLongs(tensor));
            } else {
                assertThat(Arrays.equals(Tensors.toBytes(other), Tensors.toBytes(tensor))).as(name).isTrue();
            }
        });
    }

    @Test
    void shouldKeepTheNamedMatMulsInFp32() {
        OnnxGraph graph = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        List<String> all = DynamicQuantizer.quantizableMatMuls(graph);

        Map<String, Integer> counts = new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC,
                Set.copyOf(all.subList(0, 4))).quantize(graph);

        assertThat(counts).containsEntry("matmuls", 32).containsEntry("keptFp32", 4);
        assertThat(graph.opCounts()).containsEntry("MatMulInteger", 32L).containsEntry("MatMul", 16L);
    }

    @Test
    void shouldQuantizeMobileBertIncludingItsGemmsWithinToleranceOfFp32() throws Exception {
        Path file = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l.onnx").orElse(null);
        assumeTrue(file != null, "MobileBERT fixture not present");
        OnnxGraph fp32 = OnnxGraph.read(file);
        OnnxGraph int8 = fp32.copy();

        new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, Set.of()).quantize(int8);

        assertThat(int8.opCounts()).containsEntry("MatMulInteger", 33L).doesNotContainKey("Gemm");
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64);
             OnnxModel a = new OnnxModel(fp32.toBytes(), InferenceSettings.defaults());
             OnnxModel b = new OnnxModel(int8.toBytes(), InferenceSettings.defaults())) {
            PaddedBatch batch = PaddedBatch.of(tokenizer.encodeAll(List.of("the flight was delayed again",
                    "thanks, that fixed it", "can i get a refund for the double charge on my card please")));
            float[][] x = a.run(batch, List.of("logits")).get("logits");
            float[][] y = b.run(batch, List.of("logits")).get("logits");
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < x[i].length; k++) {
                    // The random-weight logits are about 0.01-0.04 in magnitude: allow a few parts in a thousand.
                    assertThat(y[i][k]).isCloseTo(x[i][k], org.assertj.core.data.Offset.offset(0.005f));
                }
            }
        }
    }
}
