package dev.sift.modelops.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sift.classifier.bundle.Sha256;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.onnx.EncoderStructure;
import dev.sift.modelops.onnx.FeedForwardBlock;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optimized graphs of the real MiniLM and of the MobileBERT-structured fixture, byte for byte: SHA-256s of what
 * the quantizer, the smoother, the pruner and the layer-norm rewriter write, and of what the encoder-structure
 * analysis finds. A change to how graph patterns are matched must leave every one of them as recorded.
 *
 * <p>The activation profiles are synthetic: their keys and channel counts come from the real profiler (so its choice
 * of tensors is covered), their values from a seeded generator, because ONNX Runtime's float results differ between
 * CPUs and thread counts and would make the recorded bytes depend on the machine.
 */
class OptimizedGraphBytesTest {

    private static OnnxGraph miniLm;
    private static OnnxGraph miniLmSentence;
    private static ActivationProfile miniLmProfile;

    @BeforeAll
    static void loadMiniLm() throws Exception {
        miniLm = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        miniLmSentence = miniLm.copy();
        SentenceEmbeddingGraph.append(miniLmSentence, Pooling.MEAN, 3);
        miniLmProfile = syntheticProfile(miniLmSentence);
    }

    @Test
    void shouldQuantizeMiniLmAsOnnxRuntimesPythonToolToTheRecordedBytes() {
        // Given MiniLM as shipped
        OnnxGraph graph = miniLm.copy();

        // When it is quantized with the settings of ONNX Runtime's Python tool
        new DynamicQuantizer(true, DynamicQuantizer.Embeddings.SYMMETRIC, Set.of()).quantize(graph);

        // Then the bytes are the recorded ones
        assertThat(sha256(graph)).isEqualTo("8928cc136e4d73af9d59208f14931b79b514bcc4619cca22f7d37d8cbdf0d0ae");
    }

    @Test
    void shouldQuantizeMiniLmKeepingSomeMatMulsInFp32ToTheRecordedBytes() {
        OnnxGraph graph = miniLm.copy();
        Set<String> keep = Set.copyOf(DynamicQuantizer.quantizableMatMuls(graph).subList(0, 4));

        new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, keep).quantize(graph);

        assertThat(sha256(graph)).isEqualTo("657c273db9cab997109ba86f666cee493fcf6d107d0761c934baa9541c8ba77c");
    }

    @Test
    void shouldRewriteMiniLmsLayerNormsToTheRecordedBytes() {
        OnnxGraph graph = miniLm.copy();

        LayerNormRewriter.rewrite(graph);

        assertThat(sha256(graph)).isEqualTo("81486a97c1895184dce74d4b98ec7091bef7ca71793d45749130add481f67566");
    }

    @Test
    void shouldAverageMiniLmsLastLayersToTheRecordedBytes() {
        // Given MiniLM, whose layers are found by pattern, as shipped and as quantized and rewritten
        OnnxGraph optimized = miniLm.copy();
        new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, Set.of()).quantize(optimized);
        LayerNormRewriter.rewrite(optimized);

        // When the last three layers are pooled into a sentence embedding
        SentenceEmbeddingGraph.append(optimized, Pooling.MEAN, 3);

        // Then both graphs are the recorded ones
        assertThat(sha256(miniLmSentence))
                .isEqualTo("151294dd115d9c2c16e7265ea13f8fb1285b5c426cb0678fd559b7c5c81bcdc4");
        assertThat(sha256(optimized)).isEqualTo("c3635827066b61c408c3afc5a96b5bd61c20d00394d67ec908cc1bbf59ca6eff");
    }

    @Test
    void shouldPruneMiniLmToTheRecordedBytes() {
        OnnxGraph graph = miniLmSentence.copy();

        FfnPruner.pruneRatio(graph, miniLmProfile, 0.10);

        assertThat(sha256(graph)).isEqualTo("e86564363a4e732b2c9c86659669d70a5c6e969ad9c5e43d08a7bcc554a4e748");
    }

    @Test
    void shouldSmoothMiniLmToTheRecordedBytes() {
        OnnxGraph graph = miniLmSentence.copy();

        new ActivationSmoother(0.5).smooth(graph, miniLmProfile,
                new HashSet<>(DynamicQuantizer.quantizableMatMuls(graph)));

        assertThat(sha256(graph)).isEqualTo("1471056ef8b1d6c1ddfd173739f096eef3b2c14d23315427baad8805c997d98b");
    }

    @Test
    void shouldBuildAMiniLmSearchCandidateToTheRecordedBytes() {
        // Given MiniLM's sentence graph, pruned
        OnnxGraph graph = miniLmSentence.copy();
        FfnPruner.pruneBytes(graph, miniLmProfile, 4_000_000);

        // When it is smoothed, quantized but for two MatMuls and its layer norms rewritten, as the search does
        candidate(graph, miniLmProfile);

        // Then the bytes are the recorded ones
        assertThat(sha256(graph)).isEqualTo("6901dfe5510ef231dd68d2206c327800b8c81c89c81d9e68dd4f6775603207c3");
    }

    @Test
    void shouldFindMiniLmsStructureAsRecorded() {
        OnnxGraph rewritten = miniLm.copy();
        LayerNormRewriter.rewrite(rewritten);
        OnnxGraph quantized = rewritten.copy();
        new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, Set.of()).quantize(quantized);

        assertThat(sha256(structure(miniLm))).as(structure(miniLm))
                .isEqualTo("c408d37e66239bcf693d3df2467e27da372a2d84c0d8455785c56c87167e6b0b");
        assertThat(sha256(structure(rewritten))).as(structure(rewritten))
                .isEqualTo("c408d37e66239bcf693d3df2467e27da372a2d84c0d8455785c56c87167e6b0b");
        assertThat(sha256(structure(quantized))).as(structure(quantized))
                .isEqualTo("0a9a483f6c5df6d768901f5072e63ac69f9b985077f2de8228c76b69ecd63e18");
        assertThat(sha256(profileKeys(miniLmProfile))).as(profileKeys(miniLmProfile))
                .isEqualTo("9d9411390b1efe0f73fc3df537e94635abfe5d8f54e04b742d867cd3d2949d1e");
    }

    @Test
    void shouldQuantizeAndRewriteMobileBertToTheRecordedBytes() {
        // Given the MobileBERT-structured classifier (Gemm layers, NoNorm instead of layer norms)
        Path file = mobileBert("mobilebert-random-2l.onnx");
        OnnxGraph quantized = OnnxGraph.read(file);
        OnnxGraph rewritten = quantized.copy();

        // When it is quantized, and separately its layer norms rewritten
        new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, Set.of()).quantize(quantized);
        LayerNormRewriter.rewrite(rewritten);

        // Then the quantized bytes are the recorded ones, and having no layer norm to rewrite, it is the file as read
        assertThat(sha256(quantized)).isEqualTo("769fe8c73a955a8107b4be108866687cec3a4be35f5f01abd28e4aa0dc6438dd");
        assertThat(sha256(rewritten)).isEqualTo(Sha256.ofFile(file));
    }

    @Test
    void shouldPruneSmoothAndQuantizeMobileBertToTheRecordedBytes() throws Exception {
        // Given the MobileBERT-structured encoder's sentence graph and a profile of it
        OnnxGraph sentence = OnnxGraph.read(mobileBert("mobilebert-random-2l-encoder.onnx"));
        SentenceEmbeddingGraph.append(sentence, Pooling.MEAN, 1);
        ActivationProfile profile = syntheticProfile(sentence);
        OnnxGraph pruned = sentence.copy();
        OnnxGraph smoothed = sentence.copy();
        OnnxGraph candidate = sentence.copy();

        // When it is pruned, smoothed, and made a search candidate
        FfnPruner.pruneRatio(pruned, profile, 0.25);
        new ActivationSmoother(0.5).smooth(smoothed, profile,
                new HashSet<>(DynamicQuantizer.quantizableMatMuls(smoothed)));
        candidate(candidate, profile);

        // Then the bytes and the structure found are the recorded ones
        assertThat(sha256(pruned)).isEqualTo("8c8b7e46dd6f41ba632aa2d3c3a24c23c912e57c726d06a602fb83f411bbdb1b");
        assertThat(sha256(smoothed)).isEqualTo("6feba353eec167d13f2a1256cdc202b930a94dc1c29179995bf14913a21a8356");
        assertThat(sha256(candidate)).isEqualTo("fff57960e20fcaad95d7be8a459938ebd1cfa6611b3a77f85c481eb7d0829c13");
        assertThat(sha256(structure(sentence))).as(structure(sentence))
                .isEqualTo("98710b1d5b221b7402ca0a0e55f2d9c50d14149a77ee825172793905bce4af4c");
        assertThat(sha256(profileKeys(profile))).as(profileKeys(profile))
                .isEqualTo("258666e982092a5b766530176de311a56f221a1805a07bd6d5f7fbde50a2e70e");
    }

    /** What the optimization search does to an FP32 graph for an INT8 plan keeping two MatMuls, smoothed. */
    private static void candidate(OnnxGraph graph, ActivationProfile profile) {
        List<String> all = DynamicQuantizer.quantizableMatMuls(graph);
        Set<String> keep = Set.of(all.get(1), all.get(all.size() - 1));
        Set<String> quantized = new HashSet<>(all);
        quantized.removeAll(keep);
        new ActivationSmoother(0.5).smooth(graph, profile, quantized);
        new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, keep).quantize(graph);
        LayerNormRewriter.rewrite(graph);
    }

    /** Everything the encoder-structure analysis and the quantizer find in a graph, one fact a line. */
    private static String structure(OnnxGraph graph) {
        EncoderStructure structure = new EncoderStructure(graph);
        StringBuilder out = new StringBuilder();
        for (FeedForwardBlock b : structure.feedForwardBlocks()) {
            out.append("block ").append(String.join(" ", b.up().matmul().name(), b.upWeight(),
                    String.valueOf(b.upBias()), b.intermediate(), b.down().matmul().name(), b.downWeight(),
                    String.valueOf(b.downBias()), b.output()));
            out.append(" closed by ").append(structure.normalizedAfter(b.output())).append('\n');
        }
        try {
            out.append("layers ").append(structure.layerOutputs()).append('\n');
        } catch (IllegalArgumentException e) {
            out.append("layers refused: ").append(e.getMessage()).append('\n');
        }
        out.append("layer norms ").append(structure.layerNorms()).append('\n');
        out.append("quantizable ").append(DynamicQuantizer.quantizableMatMuls(graph)).append('\n');
        return out.toString();
    }

    private static String profileKeys(ActivationProfile profile) {
        StringBuilder out = new StringBuilder();
        profile.intermediates().forEach((k, v) -> out.append("intermediate ").append(k).append(' ')
                .append(v.channels()).append('\n'));
        profile.matmulInputs().forEach((k, v) -> out.append("input ").append(k).append(' ')
                .append(v.channelMaxAbs().length).append('\n'));
        return out.toString();
    }

    /**
     * The tensors and channel counts the profiler measures in this graph, with seeded values: a few large channels
     * among small ones, as transformer activations have.
     */
    private static ActivationProfile syntheticProfile(OnnxGraph graph) throws Exception {
        ActivationProfile measured;
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 32)) {
            List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).limit(4)
                    .toList();
            measured = ActivationProfiler.profile(graph, tokenizer, texts, Progress.NONE);
        }
        Random random = new Random(19);
        Map<String, ActivationProfile.ChannelStats> intermediates = new LinkedHashMap<>();
        measured.intermediates().forEach((key, stats) -> {
            int n = stats.channels();
            double[] mean = new double[n];
            double[] variance = new double[n];
            for (int c = 0; c < n; c++) {
                mean[c] = random.nextGaussian() * 0.1;
                variance[c] = Math.pow(random.nextDouble(), 3);
            }
            intermediates.put(key, new ActivationProfile.ChannelStats(mean, variance, new double[n], new double[n]));
        });
        Map<String, ActivationProfile.Range> inputs = new LinkedHashMap<>();
        measured.matmulInputs().forEach((key, range) -> {
            double[] max = new double[range.channelMaxAbs().length];
            for (int c = 0; c < max.length; c++) {
                max[c] = random.nextInt(50) == 0 ? 20 + 40 * random.nextDouble() : 0.5 + 2 * random.nextDouble();
            }
            inputs.put(key, new ActivationProfile.Range(-1, 1, 1, max));
        });
        return new ActivationProfile(measured.texts(), measured.tokens(), intermediates, inputs);
    }

    private static Path mobileBert(String file) {
        Path path = SharedFixtures.find("models/mobilebert-random/" + file).orElse(null);
        assumeTrue(path != null, "MobileBERT fixture not present");
        return path;
    }

    private static String sha256(OnnxGraph graph) {
        return Sha256.of(graph.toBytes());
    }

    private static String sha256(String text) {
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
