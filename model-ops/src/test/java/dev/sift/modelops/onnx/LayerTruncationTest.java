package dev.sift.modelops.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.LayerSelectionException.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerTruncationTest {

    private static final List<String> TEXTS = List.of("my card was declined at the store",
            "where is my parcel", "hi", "I want to cancel my subscription and get a refund for last month");

    @Test
    void shouldFindMiniLmsLayersWhereItsLayerNormsCloseThem() {
        // Given all-MiniLM-L6-v2
        OnnxGraph graph = OnnxGraph.read(MiniLmFixture.encoder().onnx());

        // When its layers are found from the attention softmaxes and the residual stream
        TransformerLayers layers = TransformerLayers.of(graph);

        // Then they end where the LayerNorm-based finder says each layer ends, and the first reads the embeddings'
        // LayerNorm
        List<String> ends = new ArrayList<>(layers.inputs().subList(1, layers.count()));
        ends.add(layers.output());
        assertThat(layers.count()).isEqualTo(6);
        assertThat(ends).isEqualTo(new EncoderStructure(graph).layerOutputs());
        assertThat(layers.inputOf(0)).isEqualTo(new EncoderStructure(graph).layerNorms().get(0));
    }

    @Test
    void shouldKeepTheFirstThreeLayersOfMiniLmWithTheFullEncodersHiddenStates() throws Exception {
        // Given all-MiniLM-L6-v2
        Encoder encoder = MiniLmFixture.encoder();
        OnnxGraph full = OnnxGraph.read(encoder.onnx());

        // When its first three layers are kept
        OnnxGraph student = LayerTruncation.keep(full, LayerSelection.first(3));

        // Then after each kept layer, the hidden states are the full encoder's after the same layer
        double difference = maxDifferenceAfterLayers(full, student, List.of(0, 1, 2), encoder.tokenizer());
        System.out.printf("MiniLM, first 3 of 6 layers: max |student - full| after layers 0..2 = %.3g;"
                + " weights %,d -> %,d bytes%n", difference, full.weightBytes(), student.weightBytes());
        assertThat(difference).isLessThan(1e-5);
        assertThat(softmaxes(student)).isEqualTo(3);
        assertThat(student.outputs()).extracting(o -> o.getName()).containsExactly("last_hidden_state");
    }

    @Test
    void shouldKeepEveryOtherLayerOfMiniLmAndDropTheOthersWeights() throws Exception {
        // Given all-MiniLM-L6-v2, and the weight of one of its layers (all six are alike)
        Encoder encoder = MiniLmFixture.encoder();
        OnnxGraph full = OnnxGraph.read(encoder.onnx());
        long oneLayer = full.weightBytes() - LayerTruncation.keep(full, LayerSelection.first(5)).weightBytes();

        // When layers 0, 2 and 4 are kept
        OnnxGraph student = LayerTruncation.keep(full, LayerSelection.parse("0,2,4"));

        // Then three attention layers remain, chained, three layers' weights are gone, and the first kept layer
        // still computes what it computed in the full encoder
        TransformerLayers layers = TransformerLayers.of(student);
        System.out.printf("MiniLM, layers 0,2,4: %d softmaxes, weights %,d -> %,d bytes (one layer: %,d)%n",
                softmaxes(student), full.weightBytes(), student.weightBytes(), oneLayer);
        assertThat(softmaxes(student)).isEqualTo(3);
        assertThat(layers.count()).isEqualTo(3);
        assertThat(oneLayer).isGreaterThan(1_700_000L * 4);
        assertThat(full.weightBytes() - student.weightBytes()).isEqualTo(3 * oneLayer);
        assertThat(student.initializers().keySet()).isSubsetOf(full.initializers().keySet());
        assertThat(maxDifferenceAfterLayers(full, student, List.of(0), encoder.tokenizer())).isLessThan(1e-5);
        float[] states = hiddenStates(student, List.of(layers.output()), encoder.tokenizer()).get(layers.output());
        assertThat(allFinite(states)).isTrue();
    }

    @Test
    void shouldKeepTheFirstFourLayersOfBgeSmallWithTheFullEncodersHiddenStates() throws Exception {
        // Given bge-small-en-v1.5 (12 layers, CLS pooling)
        Encoder encoder = Encoder.builtIn(Encoder.BGE_SMALL, SiftHome.work());
        OnnxGraph full = OnnxGraph.read(encoder.onnx());

        // When its first four layers are kept
        OnnxGraph student = LayerTruncation.keep(full, LayerSelection.first(4));

        // Then after each kept layer, the hidden states are the full encoder's
        double difference = maxDifferenceAfterLayers(full, student, List.of(0, 1, 2, 3), encoder.tokenizer());
        System.out.printf("bge-small, first 4 of %d layers: max |student - full| = %.3g; weights %,d -> %,d bytes%n",
                TransformerLayers.of(full).count(), difference, full.weightBytes(), student.weightBytes());
        assertThat(TransformerLayers.of(full).count()).isEqualTo(12);
        assertThat(difference).isLessThan(1e-5);
        assertThat(softmaxes(student)).isEqualTo(4);
    }

    @Test
    void shouldKeepOneLayerOfTheMobileBertFixture() throws Exception {
        // Given a graph with MobileBERT's structure: bottlenecks, NoNorm, four stacked feed-forward blocks per layer
        Path file = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
        assumeTrue(file != null, "the MobileBERT fixture is not present");
        OnnxGraph full = OnnxGraph.read(file);
        Path tokenizer = MiniLmFixture.encoder().tokenizer();

        // When its first layer is kept, and then its second alone
        OnnxGraph first = LayerTruncation.keep(full, LayerSelection.first(1));
        OnnxGraph second = LayerTruncation.keep(full, LayerSelection.parse("1"));

        // Then the first layer computes what it computed in the full graph; the second now reads the embeddings;
        // each student has one attention layer and half the layers' weights
        double difference = maxDifferenceAfterLayers(full, first, List.of(0), tokenizer);
        System.out.printf("MobileBERT fixture, layer 0 of 2: max |student - full| = %.3g; weights %,d -> %,d bytes%n",
                difference, full.weightBytes(), first.weightBytes());
        assertThat(TransformerLayers.of(full).count()).isEqualTo(2);
        assertThat(difference).isLessThan(1e-5);
        assertThat(softmaxes(first)).isEqualTo(1);
        assertThat(softmaxes(second)).isEqualTo(1);
        assertThat(second.weightBytes()).isEqualTo(first.weightBytes());
        String output = TransformerLayers.of(second).output();
        assertThat(allFinite(hiddenStates(second, List.of(output), tokenizer).get(output))).isTrue();
    }

    @Test
    void shouldChainTheKeptLayersOfAToyEncoder() {
        // Given a three-layer post-LN encoder
        OnnxGraph full = ToyEncoder.postNorm(3);
        TransformerLayers layers = TransformerLayers.of(full);

        // When layers 0 and 2 are kept
        OnnxGraph student = LayerTruncation.keep(full, LayerSelection.parse("0,2"));

        // Then layer 2's nodes read layer 0's output, and layer 1's nodes are gone
        TransformerLayers kept = TransformerLayers.of(student);
        assertThat(kept.count()).isEqualTo(2);
        assertThat(kept.inputOf(1)).isEqualTo(layers.outputOf(0));
        assertThat(kept.output()).isEqualTo(layers.output());
        assertThat(student.index().producer(layers.outputOf(1))).isEmpty();
        assertThat(student.check()).isEmpty();
    }

    @Test
    void shouldRefuseMalformedLayerChoices() {
        assertThatThrownBy(() -> new LayerSelection(List.of())).isInstanceOf(LayerSelectionException.class)
                .hasMessageContaining("at least one layer")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.EMPTY);
        assertThatThrownBy(() -> LayerSelection.first(0)).extracting(e -> ((LayerSelectionException) e).reason())
                .isEqualTo(Reason.EMPTY);
        assertThatThrownBy(() -> LayerSelection.parse("0,2,2")).hasMessageContaining("layer 2 is chosen twice")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.DUPLICATE);
        assertThatThrownBy(() -> LayerSelection.parse("4,2")).hasMessageContaining("from the bottom up")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.NOT_ASCENDING);
        assertThatThrownBy(() -> LayerSelection.parse("-1,2")).hasMessageContaining("numbered from 0")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.OUT_OF_RANGE);
        assertThatThrownBy(() -> LayerSelection.parse("0,,2")).hasMessageContaining("is not a layer index")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.NOT_AN_INDEX);
        assertThatThrownBy(() -> LayerSelection.parse("0,two")).hasMessageContaining("'two'")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.NOT_AN_INDEX);
    }

    @Test
    void shouldRefuseALayerTheEncoderDoesNotHave() {
        OnnxGraph threeLayers = ToyEncoder.postNorm(3);

        assertThatThrownBy(() -> LayerTruncation.keep(threeLayers, LayerSelection.parse("0,3")))
                .hasMessageContaining("layer 3 does not exist: the encoder has 3 layers (0..2)")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.OUT_OF_RANGE);
        assertThatThrownBy(() -> LayerTruncation.keep(threeLayers, LayerSelection.first(4)))
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.OUT_OF_RANGE);
    }

    @Test
    void shouldRefuseGraphsWhoseLayersCannotBeToldApart() {
        // A graph without attention
        ToyEncoder noAttention = ToyEncoder.start();
        OnnxGraph embeddingsOnly = noAttention.output(noAttention.norm(noAttention.embeddings()));
        assertThatThrownBy(() -> LayerTruncation.keep(embeddingsOnly, LayerSelection.first(1)))
                .hasMessageContaining("no attention Softmax")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.NO_ATTENTION);

        // Two softmaxes side by side in each layer
        ToyEncoder parallel = ToyEncoder.start();
        String x = parallel.embeddings();
        x = parallel.postNormLayer(parallel.postNormLayer(x, 2), 2);
        OnnxGraph twoPerLayer = parallel.output(x);
        assertThatThrownBy(() -> LayerTruncation.keep(twoPerLayer, LayerSelection.first(1)))
                .hasMessageContaining("4 Softmax nodes, but 2 in a row")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.LAYERS_NOT_SEPARABLE);

        // A pre-LN stack: the token states come out of a final LayerNorm, after the last layer's residual Add
        ToyEncoder preNorm = ToyEncoder.start();
        String y = preNorm.preNormLayer(preNorm.preNormLayer(preNorm.embeddings()));
        OnnxGraph finalNorm = preNorm.output(preNorm.norm(y));
        assertThatThrownBy(() -> LayerTruncation.keep(finalNorm, LayerSelection.first(1)))
                .hasMessageContaining("something follows the last layer")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.OUTPUT_AFTER_LAST_LAYER);
    }

    @Test
    void shouldRefuseToKeepALayerThatReadsADroppedOneThroughItsShape() {
        // Given a three-layer encoder whose last layer shapes its scores like layer 1's attention probabilities
        ToyEncoder toy = ToyEncoder.start();
        String x = toy.postNormLayer(toy.postNormLayer(toy.embeddings(), 1), 1);
        toy.scoresShapedLike = toy.lastProbs;
        OnnxGraph graph = toy.output(toy.postNormLayer(x, 1));

        // When layer 1 is dropped, then its attention would stay behind: refused
        assertThat(TransformerLayers.of(graph).count()).isEqualTo(3);
        assertThatThrownBy(() -> LayerTruncation.keep(graph, LayerSelection.parse("0,2")))
                .hasMessageContaining("left 3 attention softmaxes, not 2")
                .extracting(e -> ((LayerSelectionException) e).reason()).isEqualTo(Reason.DROPPED_LAYER_STILL_READ);
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return values.length > 0;
    }

    private static long softmaxes(OnnxGraph graph) {
        return graph.opCounts().getOrDefault("Softmax", 0L);
    }

    /** The largest difference between the two graphs' hidden states after each listed layer of the student. */
    private static double maxDifferenceAfterLayers(OnnxGraph full, OnnxGraph student, List<Integer> studentLayers,
            Path tokenizer) throws Exception {
        TransformerLayers fullLayers = TransformerLayers.of(full);
        TransformerLayers studentLayersFound = TransformerLayers.of(student);
        List<String> fullTensors = studentLayers.stream().map(fullLayers::outputOf).toList();
        List<String> studentTensors = studentLayers.stream().map(studentLayersFound::outputOf).toList();
        Map<String, float[]> expected = hiddenStates(full, fullTensors, tokenizer);
        Map<String, float[]> actual = hiddenStates(student, studentTensors, tokenizer);
        double max = 0;
        for (int i = 0; i < studentLayers.size(); i++) {
            float[] a = expected.get(fullTensors.get(i));
            float[] b = actual.get(studentTensors.get(i));
            assertThat(b).hasSameSizeAs(a);
            for (int j = 0; j < a.length; j++) {
                max = Math.max(max, Math.abs(a[j] - b[j]));
            }
        }
        return max;
    }

    private static Map<String, float[]> hiddenStates(OnnxGraph graph, List<String> tensors, Path tokenizerFile)
            throws Exception {
        OnnxGraph probed = graph.copy();
        tensors.forEach(t -> probed.addFloatOutput(t, 3));
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(tokenizerFile, 64);
             OnnxModel model = new OnnxModel(probed.toBytes(), InferenceSettings.defaults())) {
            Map<String, float[]> states = new LinkedHashMap<>();
            model.runTensors(PaddedBatch.of(tokenizer.encodeAll(TEXTS)), tensors)
                    .forEach((name, tensor) -> states.put(name, tensor.values()));
            return states;
        }
    }
}
