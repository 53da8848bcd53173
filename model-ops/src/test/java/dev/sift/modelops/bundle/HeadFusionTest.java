package dev.sift.modelops.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.modelops.onnx.Nodes;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.train.Activation;
import dev.sift.modelops.train.LinearHead;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadFusionTest {

    private static final int WIDTH = 8;

    @TempDir
    Path dir;

    /** A stand-in for the encoder: its input is the sentence embedding itself. */
    private static OnnxGraph embeddingPassThrough() {
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                .setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(WIDTH)))).build();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("pass-through")
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("x").setType(type))
                .addNode(Nodes.node("Identity", "embedding", List.of("x"), List.of(SentenceEmbeddingGraph.OUTPUT)))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(SentenceEmbeddingGraph.OUTPUT).setType(type))
                .build();
        return OnnxGraph.of(OnnxMl.ModelProto.newBuilder().setIrVersion(7).setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(11)).build());
    }

    private static LinearHead head(String role, Activation activation, List<String> labels, Random random) {
        float[] w = new float[WIDTH * labels.size()];
        float[] b = new float[labels.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian() * 2;
        }
        for (int j = 0; j < b.length; j++) {
            b[j] = (float) random.nextGaussian();
        }
        return new LinearHead(role, activation, labels, WIDTH, w, b,
                new BundleManifest.Calibration("temperature", Map.of("temperature", 1.3)), 8);
    }

    @Test
    void shouldComputeInTheGraphWhatTheHeadsComputeInJava() throws Exception {
        // Given a softmax intent head and a softmax reputation head fused onto the embedding
        Random random = new Random(5);
        LinearHead intents = head(BundleManifest.INTENTS, Activation.SOFTMAX, List.of("a", "b", "c", "d", "e"),
                random);
        LinearHead reputation = head(BundleManifest.REPUTATION, Activation.SOFTMAX,
                List.of("negative", "neutral", "positive"), random);
        assertFusedEqualsJava(List.of(intents, reputation), random);
    }

    @Test
    void shouldKeepFusingSigmoidHeadsAsBefore() throws Exception {
        Random random = new Random(6);
        LinearHead intents = head(BundleManifest.INTENTS, Activation.SIGMOID, List.of("a", "b", "c"), random);
        assertFusedEqualsJava(List.of(intents), random);
    }

    @Test
    void shouldNameTheActivationInTheManifestEntry() {
        Random random = new Random(7);

        assertThat(head(BundleManifest.INTENTS, Activation.SOFTMAX, List.of("a", "b"), random).manifestEntry()
                .activation()).isEqualTo("softmax");
        assertThat(head(BundleManifest.INTENTS, Activation.SIGMOID, List.of("a", "b"), random).manifestEntry()
                .activation()).isEqualTo("sigmoid");
    }

    private void assertFusedEqualsJava(List<LinearHead> heads, Random random) throws Exception {
        OnnxGraph graph = embeddingPassThrough();
        HeadFusion.fuse(graph, heads);
        Path file = graph.write(dir.resolve("fused.onnx"));
        float[][] x = new float[16][WIDTH];
        for (float[] row : x) {
            for (int d = 0; d < WIDTH; d++) {
                row[d] = (float) random.nextGaussian();
            }
        }

        // When the graph runs on a batch of embeddings
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, x);
             OrtSession.Result result = session.run(Map.of("x", input))) {

            // Then each output equals the Java head on every row
            for (LinearHead head : heads) {
                float[][] fused = (float[][]) result.get(head.outputName()).orElseThrow().getValue();
                for (int i = 0; i < x.length; i++) {
                    float[] expected = head.apply(x[i]);
                    for (int k = 0; k < expected.length; k++) {
                        assertThat(fused[i][k]).as("%s row %d column %d", head.outputName(), i, k)
                                .isCloseTo(expected[k], offset(1e-5f));
                    }
                }
            }
        }
    }
}
