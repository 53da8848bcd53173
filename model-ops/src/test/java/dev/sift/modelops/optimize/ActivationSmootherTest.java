package dev.sift.modelops.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.onnx.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActivationSmootherTest {

    private static OnnxGraph sentence;
    private static ActivationProfile profile;
    /** The FP32 graph's embeddings, which two tests compare with: computed once. */
    private static List<float[]> fp32Embeddings;

    @BeforeAll
    static void profileMiniLm() throws Exception {
        sentence = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        SentenceEmbeddingGraph.append(sentence, Pooling.MEAN, 1);
        try (SnippetTokenizer tokenizer = tokenizer()) {
            profile = ActivationProfiler.profile(sentence, tokenizer, texts(0, 128), Progress.NONE);
        }
    }

    @Test
    void shouldComputeTheSameEmbeddingsInFp32() throws Exception {
        // Given MiniLM and its profile
        OnnxGraph smoothed = sentence.copy();
        Set<String> all = new HashSet<>(DynamicQuantizer.quantizableMatMuls(smoothed));

        // When every weight MatMul's input is smoothed
        List<String> inputs = new ActivationSmoother(0.5).smooth(smoothed, profile, all);

        // Then it is the same function: one division per distinct input, weights scaled to compensate
        assertThat(inputs).hasSize(4 * 6);
        assertThat(smoothed.opCounts().get("Mul") - sentence.opCounts().get("Mul")).isEqualTo(24L);
        assertThat(QuantizationSensitivity.meanCosineDistance(fp32(), embed(smoothed))).isLessThan(1e-6);
    }

    @Test
    void shouldBalanceEachChannelsRangeBetweenActivationAndWeights() throws Exception {
        // Given MiniLM, whose weight MatMul inputs have a few channels far larger than the rest
        OnnxGraph smoothed = sentence.copy();

        // When its inputs are smoothed half-way (alpha 0.5) and the graph profiled again on the same snippets
        List<String> inputs = new ActivationSmoother(0.5).smooth(smoothed, profile, new HashSet<>(
                DynamicQuantizer.quantizableMatMuls(smoothed)));
        ActivationProfile after;
        try (SnippetTokenizer tokenizer = tokenizer()) {
            after = ActivationProfiler.profile(smoothed, tokenizer, texts(0, 128), Progress.NONE);
        }

        // Then each channel's largest activation equals its weights' largest: both the geometric mean of the old ones
        for (String input : inputs) {
            double[] activation = after.matmulInputs().get(input + "_smoothed").channelMaxAbs();
            double[] weights = rowMaxOfReaders(smoothed, input + "_smoothed");
            for (int j = 0; j < activation.length; j++) {
                assertThat(activation[j]).as(input + " channel " + j)
                        .isCloseTo(weights[j], org.assertj.core.data.Percentage.withPercentage(1));
            }
        }
    }

    @Test
    void shouldBringInt8EmbeddingsCloserToFp32() throws Exception {
        // Given MiniLM quantized to INT8 as it is, and after smoothing with alpha 0.6
        OnnxGraph plain = sentence.copy();
        OnnxGraph smoothed = sentence.copy();
        new ActivationSmoother(0.6).smooth(smoothed, profile, new HashSet<>(
                DynamicQuantizer.quantizableMatMuls(smoothed)));
        for (OnnxGraph graph : List.of(plain, smoothed)) {
            new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, Set.of()).quantize(graph);
        }

        // When both embed snippets the profile never saw
        List<float[]> fp32 = fp32();
        double plainError = QuantizationSensitivity.meanCosineDistance(fp32, embed(plain));
        double smoothedError = QuantizationSensitivity.meanCosineDistance(fp32, embed(smoothed));

        // Then the smoothed one is closer to FP32 (about a sixth less error on these snippets)
        assertThat(smoothedError).isLessThan(plainError * 0.95);
    }

    @Test
    void shouldLeaveMatMulsKeptInFp32ReadingTheOriginalInput() {
        OnnxGraph smoothed = sentence.copy();
        List<String> all = DynamicQuantizer.quantizableMatMuls(smoothed);
        Set<String> quantized = new HashSet<>(all);
        quantized.remove(all.get(0));

        new ActivationSmoother(0.5).smooth(smoothed, profile, quantized);

        assertThat(smoothed.nodes().stream().filter(n -> n.getName().equals(all.get(0))).findFirst().orElseThrow()
                .getInput(0)).doesNotEndWith("_smoothed");
        assertThat(smoothed.nodes().stream().filter(n -> n.getName().equals(all.get(1))).findFirst().orElseThrow()
                .getInput(0)).endsWith("_smoothed");
    }

    private static double[] rowMaxOfReaders(OnnxGraph graph, String input) {
        double[] max = null;
        for (var node : graph.nodes()) {
            if (node.getOpType().equals("MatMul") && node.getInput(0).equals(input)) {
                var weight = graph.initializers().get(node.getInput(1));
                int cols = (int) Tensors.dims(weight)[1];
                float[] w = Tensors.toFloats(weight);
                max = max == null ? new double[w.length / cols] : max;
                for (int j = 0; j < max.length; j++) {
                    for (int c = 0; c < cols; c++) {
                        max[j] = Math.max(max[j], Math.abs(w[j * cols + c]));
                    }
                }
            }
        }
        return max;
    }

    private static synchronized List<float[]> fp32() throws Exception {
        if (fp32Embeddings == null) {
            fp32Embeddings = embed(sentence);
        }
        return fp32Embeddings;
    }

    /** Sentence embeddings of 300 starter snippets the profile did not see. */
    private static List<float[]> embed(OnnxGraph graph) throws Exception {
        List<String> texts = texts(300, 600);
        List<float[]> out = new ArrayList<>();
        try (SnippetTokenizer tokenizer = tokenizer();
             OnnxModel model = new OnnxModel(graph.toBytes(), InferenceSettings.defaults())) {
            for (int i = 0; i < texts.size(); i += 32) {
                out.addAll(Arrays.asList(model.run(PaddedBatch.of(tokenizer.encodeAll(texts.subList(i,
                        Math.min(texts.size(), i + 32)))), List.of(SentenceEmbeddingGraph.OUTPUT))
                        .get(SentenceEmbeddingGraph.OUTPUT)));
            }
        }
        return out;
    }

    private static SnippetTokenizer tokenizer() throws Exception {
        return SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64);
    }

    private static List<String> texts(int from, int to) {
        return DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).skip(from).limit(to - from)
                .toList();
    }
}
