package dev.sift.modelops.lowrank;

/**
 * What {@link EmbeddingFactorizer} did to a graph.
 *
 * @param table the factor table {@code A [rows x rank]} the word lookup now reads
 * @param projection the projection {@code B [rank x width]} applied to the looked-up rows
 * @param rows rows of the table: the vocabulary
 * @param width width of the original table, and of the projected rows
 * @param rank the inner width
 * @param residualShare the share of the original table's squared Frobenius norm the factors do not reproduce: the
 *     squared relative error of {@code A·B} against the table
 */
public record Factorization(String table, String projection, int rows, int width, int rank, double residualShare) {

    /** @return values of the factors against the values of the original table */
    public double valueRatio() {
        return (double) rank * (rows + width) / ((double) rows * width);
    }
}
