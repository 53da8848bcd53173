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
final class OrtReference {

    private OrtReference() {
    }

    static float[][] embed(OnnxGraph encoder, Pooling pooling, int layers, SnippetTokenizer tokenizer,
            List<String> texts) throws Exception {
        OnnxGraph sentence = encoder.copy();
        SentenceEmbeddingGraph.append(sentence, pooling, layers);
        try (OnnxModel model = new OnnxModel(sentence.toBytes(), InferenceSettings.defaults())) {
            return model.run(PaddedBatch.of(tokenizer.encodeAll(texts)), List.of(SentenceEmbeddingGraph.OUTPUT))
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
}
