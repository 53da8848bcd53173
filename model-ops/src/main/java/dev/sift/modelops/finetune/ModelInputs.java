package dev.sift.modelops.finetune;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sift.classifier.tokenize.PaddedBatch;
import java.util.List;

/** The arrays an encoder graph takes, by input name, from a padded batch of tokenized snippets. */
final class ModelInputs {

    private ModelInputs() {
    }

    /**
     * @param inputNames the graph's inputs, in order
     * @param batch tokenized snippets
     * @param manager owns the arrays
     * @return one array per input, {@code [size, length]} int64
     */
    static NDList of(List<String> inputNames, PaddedBatch batch, NDManager manager) {
        Shape shape = new Shape(batch.shape());
        NDList out = new NDList(inputNames.size());
        for (String name : inputNames) {
            long[] values = switch (name) {
                case "input_ids" -> batch.inputIds();
                case "attention_mask" -> batch.attentionMask();
                case "token_type_ids" -> batch.tokenTypeIds();
                default -> throw new IllegalArgumentException("unknown encoder input " + name
                        + " (expected input_ids, attention_mask, token_type_ids)");
            };
            out.add(manager.create(values, shape));
        }
        return out;
    }
}
