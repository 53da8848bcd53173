package dev.sift.modelops.lowrank;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The right singular vectors of a table {@code E [rows x width]}, found as the eigenvectors of its Gram matrix
 * {@code EᵀE [width x width]}: for a vocabulary of tens of thousands of rows and a width of a few hundred, the Gram
 * matrix costs one pass over the table and its eigen-decomposition is small, where a full SVD would work on the whole
 * table. The eigenvalues are the squared singular values, so they also give the residual of each rank.
 *
 * <p>The table is not centered: {@code E·W·Wᵀ} with the top-R directions is the best rank-R approximation of E itself
 * (Eckart–Young), which is what the graph reads. Centering would give the best affine one, but it needs an extra
 * {@code Add} of the mean row in the graph, and it can gain at most one rank: a rank-R affine approximation is a
 * rank-(R+1) linear one, whose best is already found here.
 *
 * @param width columns of the table
 * @param vectors the directions, strongest first: {@code vectors[k]} is the k-th unit vector of length width
 * @param energies their eigenvalues (squared singular values), in the same order
 */
public record PrincipalDirections(int width, double[][] vectors, double[] energies) {

    /**
     * @param table row-major values
     * @param rows rows of the table
     * @param width columns of the table
     * @return every direction of the table, strongest first
     */
    public static PrincipalDirections of(float[] table, int rows, int width) {
        if ((long) rows * width != table.length) {
            throw new IllegalArgumentException("a table of " + rows + " x " + width + " holds " + ((long) rows * width)
                    + " values, got " + table.length);
        }
        double[][] gram = new double[width][width];
        double[] row = new double[width];
        for (int r = 0; r < rows; r++) {
            int offset = r * width;
            for (int i = 0; i < width; i++) {
                row[i] = table[offset + i];
            }
            for (int i = 0; i < width; i++) {
                double ri = row[i];
                double[] gi = gram[i];
                for (int j = i; j < width; j++) {
                    gi[j] += ri * row[j];
                }
            }
        }
        for (int i = 0; i < width; i++) {
            for (int j = 0; j < i; j++) {
                gram[i][j] = gram[j][i];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
        double[] values = eigen.getRealEigenvalues();
        RealMatrix v = eigen.getV();
        Integer[] order = IntStream.range(0, width).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> values[k]).reversed());
        double[][] vectors = new double[width][];
        double[] energies = new double[width];
        for (int k = 0; k < width; k++) {
            vectors[k] = v.getColumn(order[k]);
            // Rounding can leave the smallest eigenvalues of a positive semi-definite matrix slightly negative.
            energies[k] = Math.max(0, values[order[k]]);
        }
        return new PrincipalDirections(width, vectors, energies);
    }

    /**
     * The share of the table's squared Frobenius norm that the first {@code rank} directions do not carry: the
     * squared relative error of the best rank-R approximation.
     *
     * @param rank directions kept
     * @return {@code Σ_{k ≥ rank} λ_k / Σ_k λ_k}, in [0, 1]
     */
    public double residualShare(int rank) {
        double total = Arrays.stream(energies).sum();
        double dropped = Arrays.stream(energies, rank, width).sum();
        return total == 0 ? 0 : dropped / total;
    }
}
