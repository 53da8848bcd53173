package dev.sift.modelops.train;

/** How the linear scores of a head are fitted. */
public enum Solver {

    /**
     * L-BFGS on the whole head at once (multinomial for softmax heads), warm-started along the cost path, which stops
     * once held-out scores fall; threads share each pass over the data.
     */
    LBFGS,

    /**
     * liblinear's dual solver, one binary problem per label (softmax heads get softmax over one-vs-rest scores), every
     * cost fitted from zero: the solver of earlier releases, kept as the reference for benchmarks.
     */
    LIBLINEAR
}
