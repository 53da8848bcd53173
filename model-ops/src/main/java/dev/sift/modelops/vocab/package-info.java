/**
 * Vocabulary pruning: a smaller word-embedding table and the tokenizer that matches it.
 *
 * <ul>
 *   <li>{@link dev.sift.modelops.vocab.VocabularyPruning}: choose once, apply to every candidate graph.</li>
 *   <li>{@link dev.sift.modelops.vocab.WordPieceTokenizerFile}: the {@code tokenizer.json} read and checked
 *       (untrusted: {@link dev.sift.modelops.vocab.InvalidTokenizerException} says what is wrong);
 *       {@link dev.sift.modelops.vocab.CorpusTokens}: the ids the runtime tokenizer produces on a corpus;
 *       {@link dev.sift.modelops.vocab.VocabularySelection}: which tokens are kept and why;
 *       {@link dev.sift.modelops.vocab.KeptTokens}: old ids to new.</li>
 *   <li>{@link dev.sift.modelops.vocab.EmbeddingRemapper}: the word-embedding table cut to the kept rows, on the
 *       lookup pattern of {@link dev.sift.modelops.onnx.EmbeddingLookup};
 *       {@link dev.sift.modelops.vocab.TokenizerRewriter}: the tokenizer renumbered to match.</li>
 * </ul>
 *
 * The optimization search ({@link dev.sift.modelops.optimize.OptimizationSearch}) applies it to every candidate when
 * asked ({@code model-ops optimize --prune-vocabulary}); the size of each part of a bundle is
 * {@link dev.sift.modelops.bundle.BundleSizes}'.
 */
package dev.sift.modelops.vocab;
