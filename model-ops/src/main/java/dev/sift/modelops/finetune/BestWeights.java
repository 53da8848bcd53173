package dev.sift.modelops.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of the trained parameters' values at the best evaluation, put back when the run ends. The copy is held in
 * Java arrays, outside the engine, so the optimizer's in-place updates cannot reach it.
 */
final class BestWeights {

    private final List<Parameter> parameters;
    private final NDManager manager;
    private List<float[]> values;

    /**
     * @param parameters the parameters that train (the frozen ones never change)
     * @param manager creates the arrays a restore copies from
     */
    BestWeights(List<Parameter> parameters, NDManager manager) {
        this.parameters = List.copyOf(parameters);
        this.manager = manager;
    }

    /** Copies the current values. */
    void capture() {
        List<float[]> copy = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            copy.add(parameter.getArray().toFloatArray());
        }
        values = copy;
    }

    /**
     * Puts the captured values back into the same arrays, so everything that holds them (the module's forward pass,
     * the write-back) sees the restored weights.
     *
     * @throws IllegalStateException when nothing was captured
     */
    void restore() {
        if (values == null) {
            throw new IllegalStateException("no weights were captured");
        }
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            // The engine refuses in-place writes to an array that records gradients.
            weight.setRequiresGradient(false);
            try (NDArray saved = manager.create(values.get(i), weight.getShape())) {
                weight.set(new NDIndex(":"), saved);
            }
            weight.setRequiresGradient(true);
        }
    }
}
