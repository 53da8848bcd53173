package dev.sift.modelops.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import java.util.List;

/** Sentence embeddings computed by an {@link OnnxModule} (inference: no gradients recorded). */
public final class ModuleEmbeddings {

    private ModuleEmbeddings() {
    }

    /**
     * @param module the module
     * @param tokenizer the encoder's tokenizer
     * @param texts texts to embed
     * @param batchSize texts per forward pass
     * @param manager owns the inputs
     * @return {@code [text][hidden]}
     */
    public static float[][] embed(OnnxModule module, SnippetTokenizer tokenizer, List<String> texts, int batchSize,
            NDManager manager) {
        float[][] out = new float[texts.size()][];
        ParameterStore store = new ParameterStore(manager, false);
        for (int start = 0; start < texts.size(); start += batchSize) {
            List<String> chunk = texts.subList(start, Math.min(texts.size(), start + batchSize));
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                PaddedBatch batch = PaddedBatch.of(tokenizer.encodeAll(chunk));
                NDArray embeddings = module.forward(store, ModelInputs.of(module.inputNames(), batch, manager), false)
                        .singletonOrThrow();
                float[] flat = embeddings.toFloatArray();
                int width = module.hiddenSize();
                for (int i = 0; i < chunk.size(); i++) {
                    out[start + i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
                }
            }
        }
        return out;
    }
}
