package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layer-wise learning-rate decay, on the MobileBERT-structure fixture (2 layers, random weights). */
class LayerDecayTest {

    private static final FineTuneOptions OPTIONS = new FineTuneOptions(3, 14, 3, 2e-3f, 5e-2f, 0f, 0.01f, 7L, 1,
            Objective.SIGMOID, true);
    private static final String EMBEDDING = "embeddings.position_embeddings.weight";
    private static final String TOP = "encoder.layer.1.output.dense.bias";

    private static Path fixture;

    @BeforeAll
    static void findFixture() {
        fixture = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
    }

    @Test
    void shouldPlaceEachWeightAtTheDepthOfItsAttentionLayerFromTheGraphsStructure() {
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(),
                PyTorchEngine.NAME)) {
            // Given the module of a two-layer graph, many of whose weights have export-made names (onnx::MatMul_NNN)
            OnnxModule module = OnnxModule.of(OnnxGraph.read(fixture), Pooling.MEAN, 1, manager);

            // When each weight's depth is read from where the attention softmaxes are
            AttentionDepths depths = module.attentionDepths();

            // Then there are two layers; the embeddings and the first layer's projections into attention are at the
            // bottom, each layer's feed-forward blocks one up, the last layer's at the top, and every weight is placed
            assertThat(depths.layers()).isEqualTo(2);
            assertThat(depths.depths()).containsOnlyKeys(module.weights().keySet());
            Map<String, Integer> named = depths.depths();
            assertThat(named).containsEntry(EMBEDDING, 0).containsEntry("embeddings.LayerNorm.weight", 0)
                    .containsEntry("encoder.layer.0.attention.self.query.bias", 0)
                    .containsEntry("encoder.layer.0.ffn.0.intermediate.dense.bias", 1)
                    .containsEntry("encoder.layer.0.output.dense.bias", 1)
                    .containsEntry("encoder.layer.1.attention.self.key.bias", 1)
                    .containsEntry("encoder.layer.1.ffn.2.output.LayerNorm.weight", 2)
                    .containsEntry(TOP, 2);
            assertThat(named.keySet().stream().filter(n -> n.startsWith("onnx::MatMul_")).map(named::get))
                    .containsOnly(0, 1, 2).contains(0, 1, 2);

            // And with a decay of 0.5 the top trains at the encoder's rate, the embeddings at a quarter of it, the
            // head at its own rate
            List<Parameter> encoder = new ArrayList<>(module.getParameters().values());
            Parameter head = Parameter.builder().setName("head").setType(Parameter.Type.WEIGHT).build();
            Map<String, Float> peaks = PeakRates.of(OPTIONS.withLayerDecay(0.5f), module, encoder, List.of(head));
            assertThat(peaks.get(idOf(encoder, TOP))).isEqualTo(2e-3f);
            assertThat(peaks.get(idOf(encoder, "encoder.layer.0.output.dense.bias"))).isCloseTo(1e-3f, within(1e-9f));
            assertThat(peaks.get(idOf(encoder, EMBEDDING))).isCloseTo(5e-4f, within(1e-9f));
            assertThat(peaks.get(head.getId())).isEqualTo(5e-2f);
        }
    }

    @Test
    void shouldMoveTheLowerLayersLessWhenTheirRatesDecay() throws Exception {
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given three steps without decay, and the same three at a decay of 0.01 (the embeddings at 1e-4 of the rate)
        Map<String, Double> plain = changes(OPTIONS);
        Map<String, Double> decayed = changes(OPTIONS.withLayerDecay(0.01f));

        // Then the embeddings barely move, while the top layer moves about as far as without decay
        System.out.printf("layer decay 0.01: embedding moved %.3g (%.3g without), top layer %.3g (%.3g without)%n",
                decayed.get(EMBEDDING), plain.get(EMBEDDING), decayed.get(TOP), plain.get(TOP));
        assertThat(plain.get(EMBEDDING)).isGreaterThan(0);
        assertThat(decayed.get(EMBEDDING)).isLessThan(plain.get(EMBEDDING) * 0.01);
        assertThat(decayed.get(TOP)).isBetween(plain.get(TOP) * 0.5, plain.get(TOP) * 2);
    }

    @Test
    void shouldRefuseADecayOutsideZeroToOne() {
        for (float decay : new float[] {0f, -0.5f, 1.01f, Float.NaN}) {
            assertThatThrownBy(() -> OPTIONS.withLayerDecay(decay)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be in (0, 1]");
        }
    }

    /** @return the largest change of each weight over a short run */
    private static Map<String, Double> changes(FineTuneOptions options) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 32)) {
            OnnxModule module = OnnxModule.of(OnnxGraph.read(fixture), Pooling.MEAN, 1, manager);
            Map<String, float[]> before = new java.util.HashMap<>();
            module.weights().forEach((name, array) -> before.put(name, array.toFloatArray()));
            new FineTuner(options, Progress.NONE).fineTune(module, tokenizer, FineTunerTest.TRAIN,
                    TaskLabels.of(FineTunerTest.dataset()), manager);
            Map<String, Double> out = new java.util.HashMap<>();
            for (String name : List.of(EMBEDDING, TOP)) {
                float[] after = module.weights().get(name).toFloatArray();
                double max = 0;
                for (int i = 0; i < after.length; i++) {
                    max = Math.max(max, Math.abs(after[i] - before.get(name)[i]));
                }
                out.put(name, max);
            }
            return out;
        }
    }

    private static String idOf(List<Parameter> parameters, String name) {
        return parameters.stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getId();
    }
}
