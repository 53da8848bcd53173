package dev.sift.modelops.finetune;

import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import java.util.List;

/** Sentence embeddings of an encoder graph computed by ONNX Runtime: the serving path, the reference to match. */
public final class OrtReference {

    private OrtReference() {
    }

    /**
     * @param encoder the encoder graph (not changed)
     * @param pooling its pooling
     * @param layers last layers averaged
     * @param tokenizer its tokenizer
     * @param texts the texts
     * @return one L2-normalized sentence embedding per text
     * @throws Exception when ONNX Runtime fails
     */
    public static float[][] embed(OnnxGraph encoder, Pooling pooling, int layers, SnippetTokenizer tokenizer,
            List<String> texts) throws Exception {
        OnnxGraph sentence = encoder.copy();
        SentenceEmbeddingGraph.append(sentence, pooling, layers);
        try (OnnxModel model = new OnnxModel(sentence.toBytes(), InferenceSettings.defaults())) {
            return model.run(PaddedBatch.of(tokenizer.encodeAll(texts)), List.of(SentenceEmbeddingGraph.OUTPUT))
                    .get(SentenceEmbeddingGraph.OUTPUT);
        }
    }

    /**
     * @param a embeddings
     * @param b embeddings of the same shape
     * @return the largest absolute difference of two values at the same place
     */
    public static double maxAbsDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }
}
