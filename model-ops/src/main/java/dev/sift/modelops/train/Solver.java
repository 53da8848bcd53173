package dev.sift.modelops.train;

/** How the linear scores of a head are fitted. */
public enum Solver {

    /**
     * L-BFGS, warm-started along the cost path: a one-vs-rest head (sigmoid intents, the reputation head) as one
     * problem per column sharing every pass over the data, each column stopping when it has converged; a softmax
     * intent head as one multinomial problem. Threads share each pass.
     */
    LBFGS,

    /**
     * L-BFGS on the whole head as one problem, also for one-vs-rest heads: the recipe before per-column fits, kept to
     * compare with.
     */
    LBFGS_JOINT,

    /**
     * liblinear's dual solver, one binary problem per label (softmax heads get softmax over one-vs-rest scores), every
     * cost fitted from zero: the solver of earlier releases, kept as the reference for benchmarks.
     */
    LIBLINEAR
}
