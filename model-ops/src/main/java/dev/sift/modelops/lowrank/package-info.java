/**
 * Low-rank word embeddings: the word-embedding table {@code E [V x H]} replaced by a narrow table
 * {@code A [V x R]} and a projection {@code B [R x H]}, as MobileBERT's 128-wide embedding with a projection, so the
 * vocabulary costs {@code R} values a token instead of {@code H}.
 *
 * <ul>
 *   <li>{@link dev.sift.modelops.lowrank.PrincipalDirections}: the top right singular vectors of a table, from the
 *       eigen-decomposition of its Gram matrix.</li>
 *   <li>{@link dev.sift.modelops.lowrank.EmbeddingFactorizer}: the graph rewrite, refused with a
 *       {@link dev.sift.modelops.lowrank.FactorizationException} naming the problem.</li>
 *   <li>{@link dev.sift.modelops.lowrank.LowRankEncoder}: a factorized encoder written once per base and rank, for
 *       {@code train} and {@code finetune --embedding-rank}.</li>
 * </ul>
 */
package dev.sift.modelops.lowrank;
