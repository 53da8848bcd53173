package dev.sift.modelops.finetune;

import ai.djl.nn.Parameter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The peak learning rate of each trained parameter: the head's rate for the head, the encoder's rate for the encoder,
 * scaled by layer-wise decay. With decay d and L attention layers, a weight at depth k
 * ({@link AttentionDepths}) peaks at {@code rate * d^(L - k)}: the top layer at the full rate, the embeddings at
 * {@code d^L} of it. Lower layers hold general features of language that a small task set can only degrade, so they
 * move least.
 */
final class PeakRates {

    private PeakRates() {
    }

    /**
     * @param options the encoder's and the head's rates and the decay
     * @param module the encoder (parameters named after its initializers)
     * @param encoder the encoder's parameters that train
     * @param head the head's parameters
     * @return peak rate by parameter id
     * @throws IllegalArgumentException when decay is asked of a graph with no attention layer
     */
    static Map<String, Float> of(FineTuneOptions options, OnnxModule module, Collection<Parameter> encoder,
            Collection<Parameter> head) {
        Map<String, Float> peaks = new HashMap<>();
        head.forEach(p -> peaks.put(p.getId(), options.headLearningRate()));
        if (options.layerDecay() == 1f) {
            encoder.forEach(p -> peaks.put(p.getId(), options.learningRate()));
            return peaks;
        }
        AttentionDepths depths = module.attentionDepths();
        if (depths.layers() == 0) {
            throw new IllegalArgumentException("layer-wise learning-rate decay needs attention layers, and the"
                    + " encoder graph has no Softmax node");
        }
        for (Parameter p : encoder) {
            int below = depths.layers() - depths.depth(p.getName());
            peaks.put(p.getId(), (float) (options.learningRate() * Math.pow(options.layerDecay(), below)));
        }
        return peaks;
    }
}
