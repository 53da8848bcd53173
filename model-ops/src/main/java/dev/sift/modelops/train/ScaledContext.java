package dev.sift.modelops.train;

import java.util.Arrays;

/**
 * The map between rows [turn; context] and rows whose context block is multiplied by a scale, for rows and for the
 * heads fitted on them (see {@link ContextScales}). A head fitted on scaled rows and {@link #unscale unscaled} gives
 * the unscaled rows the scores it gave the scaled ones, so the bundle's graph reads the context as it always did.
 */
final class ScaledContext {

    private ScaledContext() {
    }

    /**
     * @param rows rows [turn; context]
     * @param turnWidth the width of the turn's block (the first columns)
     * @param scale the context block's factor; 0 drops the block (the turn alone)
     * @return new rows: the turn's block as it was, the context block times {@code scale}, or without it for 0
     */
    static Examples rows(Examples rows, int turnWidth, double scale) {
        float[][] x = new float[rows.size()][];
        float factor = (float) scale;
        for (int i = 0; i < x.length; i++) {
            float[] row = rows.x()[i];
            if (scale == 0) {
                x[i] = Arrays.copyOf(row, turnWidth);
                continue;
            }
            x[i] = row.clone();
            for (int d = turnWidth; d < row.length; d++) {
                x[i][d] *= factor;
            }
        }
        return new Examples(x, rows.intents(), rows.polarities());
    }

    /**
     * @param head a head on rows [turn; context]
     * @param turnWidth the width of the turn's block
     * @param factor what the context weights are multiplied by
     * @return the head whose scores on rows with the context block divided by {@code factor} are the given head's
     *     scores on the rows themselves: a start for fitting at another scale
     */
    static LinearHead rescale(LinearHead head, int turnWidth, double factor) {
        return unscale(head, turnWidth, head.inputSize(), factor);
    }

    /**
     * @param head a head fitted on rows from {@link #rows} with the same scale
     * @param turnWidth the width of the turn's block
     * @param width the width of the unscaled rows
     * @param scale the scale the head was fitted at
     * @return the head on the unscaled rows: its context weights times {@code scale} (zeros for scale 0)
     */
    static LinearHead unscale(LinearHead head, int turnWidth, int width, double scale) {
        int k = head.outputs();
        float[] weights = new float[width * k];
        System.arraycopy(head.weights(), 0, weights, 0, Math.min(head.weights().length, weights.length));
        float factor = (float) scale;
        for (int i = turnWidth * k; i < weights.length; i++) {
            weights[i] *= factor;
        }
        return new LinearHead(head.role(), head.activation(), head.labels(), width, weights, head.bias(),
                head.calibration(), head.regularization());
    }
}
