package dev.sift.modelops.lowrank;

import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import java.util.List;

/** Sentence embeddings of an encoder graph computed by ONNX Runtime, the serving path, with MiniLM's tokenizer. */
final class OrtSentences {

    static final List<String> TEXTS = List.of("my card was declined at the store", "where is my parcel", "hi",
            "I want to cancel my subscription and get a refund for last month",
            "what is the exchange rate of the yen to the dollar today");

    private OrtSentences() {
    }

    static float[][] embed(OnnxGraph encoder, Pooling pooling, int layers) throws Exception {
        OnnxGraph sentence = encoder.copy();
        SentenceEmbeddingGraph.append(sentence, pooling, layers);
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64);
             OnnxModel model = new OnnxModel(sentence.toBytes(), InferenceSettings.defaults())) {
            return model.run(PaddedBatch.of(tokenizer.encodeAll(TEXTS)), List.of(SentenceEmbeddingGraph.OUTPUT))
                    .get(SentenceEmbeddingGraph.OUTPUT);
        }
    }

    static double maxAbsDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    /** Mean over the texts of {@code 1 - cos}: the embeddings are L2-normalized, so the dot product is the cosine. */
    static double meanCosineDistance(float[][] a, float[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double dot = 0;
            for (int j = 0; j < a[i].length; j++) {
                dot += a[i][j] * b[i][j];
            }
            sum += 1 - dot;
        }
        return sum / a.length;
    }
}
