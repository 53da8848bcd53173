package dev.sift.modelops.lowrank;

/**
 * A graph whose word-embedding table cannot be factorized, with the reason as a {@link Problem} a caller can test
 * and a message that names the table or node.
 */
public final class FactorizationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why a table cannot be factorized. */
    public enum Problem {
        /** The rank is not in {@code 1..width} of the table. */
        RANK_OUT_OF_RANGE,
        /** The graph does not read the token ids through exactly one lookup of an initializer table. */
        NO_WORD_LOOKUP,
        /** Another node also reads the table (tied weights): replacing it would change that node. */
        TIED_TABLE,
        /** The table is already 8-bit: factorize the FP32 graph, then quantize. */
        QUANTIZED_TABLE,
        /** The lookup is already followed by a projection. */
        ALREADY_FACTORIZED
    }

    private final Problem problem;

    /**
     * @param problem why
     * @param message what, naming the table or node
     */
    public FactorizationException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    /** @return why the table cannot be factorized */
    public Problem problem() {
        return problem;
    }
}
