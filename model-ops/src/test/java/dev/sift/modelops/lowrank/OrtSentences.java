package dev.sift.modelops.lowrank;

import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.finetune.OrtReference;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import java.util.List;

/** Sentence embeddings of an encoder graph computed by ONNX Runtime, the serving path, with MiniLM's tokenizer. */
final class OrtSentences {

    static final List<String> TEXTS = List.of("my card was declined at the store", "where is my parcel", "hi",
            "I want to cancel my subscription and get a refund for last month",
            "what is the exchange rate of the yen to the dollar today");

    private OrtSentences() {
    }

    static float[][] embed(OnnxGraph encoder, Pooling pooling, int layers) throws Exception {
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64)) {
            return OrtReference.embed(encoder, pooling, layers, tokenizer, TEXTS);
        }
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
