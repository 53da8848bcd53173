package dev.sift.modelops.onnx;

/**
 * A feed-forward block: {@code x · W1 (+ b1) -> activation -> · W2 (+ b2)}, whose intermediate channels are the
 * columns of {@code W1} and rows of {@code W2}.
 *
 * @param up the first layer, {@code W1} {@code [hidden, intermediate]}
 * @param intermediate the activation output (what profiling measures)
 * @param down the second layer, {@code W2} {@code [intermediate, hidden]}
 */
public record FeedForwardBlock(LinearLayer up, String intermediate, LinearLayer down) {

    /** @return name of {@code W1} */
    public String upWeight() {
        return up.matmul().weightName();
    }

    /** @return name of {@code b1}, or null */
    public String upBias() {
        return up.bias();
    }

    /** @return name of {@code W2} */
    public String downWeight() {
        return down.matmul().weightName();
    }

    /** @return name of {@code b2}, or null */
    public String downBias() {
        return down.bias();
    }

    /** @return number of intermediate channels: columns of {@code W1} */
    public int channels() {
        return (int) up.matmul().weight().getDims(1);
    }

    /** @return the block's output, after {@code b2} */
    public String output() {
        return down.output();
    }
}
