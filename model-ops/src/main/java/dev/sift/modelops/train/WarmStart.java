package dev.sift.modelops.train;

import java.util.List;

/**
 * Turns a previously trained head into the starting point of a new fit: its calibration is taken back out of the
 * weights, and its columns are placed under the new label order, with zeros for labels it did not have.
 */
final class WarmStart {

    private WarmStart() {
    }

    /**
     * @param previous a head trained earlier on features of the same encoder
     * @param activation the activation being trained now
     * @param labels the labels being trained now: the previous head's labels, or more
     * @param width embedding width
     * @return uncalibrated scores to start from
     * @throws IllegalArgumentException when the previous head cannot seed this fit
     */
    static LinearModel from(LinearHead previous, Activation activation, List<String> labels, int width) {
        if (previous.activation() != activation) {
            throw new IllegalArgumentException("cannot warm-start a " + activation.manifestName() + " head from a "
                    + previous.activation().manifestName() + " head");
        }
        if (previous.inputSize() != width) {
            throw new IllegalArgumentException("cannot warm-start from a head on " + previous.inputSize()
                    + "-wide embeddings: these are " + width + " wide");
        }
        List<String> dropped = previous.labels().stream().filter(l -> !labels.contains(l)).toList();
        if (!dropped.isEmpty()) {
            throw new IllegalArgumentException("cannot warm-start: the previous head has labels the new one lacks "
                    + dropped + " (a warm start needs the same labels or more)");
        }
        Calibration.Platt folded = Calibration.folded(previous.calibration());
        int k = labels.size();
        int oldK = previous.outputs();
        LinearModel model = LinearModel.zeros(width, k);
        for (int oldColumn = 0; oldColumn < oldK; oldColumn++) {
            int column = labels.indexOf(previous.labels().get(oldColumn));
            for (int d = 0; d < width; d++) {
                model.weights()[d * k + column] = previous.weights()[d * oldK + oldColumn] / folded.scale();
            }
            model.bias()[column] = (previous.bias()[oldColumn] - folded.offset()) / folded.scale();
        }
        return model;
    }
}
