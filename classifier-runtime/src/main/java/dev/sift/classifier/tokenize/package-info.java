/**
 * Text to encoder inputs: {@link dev.sift.classifier.tokenize.SnippetTokenizer} wraps a bundle's Hugging Face
 * {@code tokenizer.json} (DJL's native binding) with special tokens and truncation at the bundle's max tokens but
 * never padding; one text becomes a {@link dev.sift.classifier.tokenize.TokenizedText} (ids, token count, whether it
 * was truncated), and a batch a {@link dev.sift.classifier.tokenize.PaddedBatch} padded only to its longest text.
 *
 * <p>Which texts share a batch, and running the graph on them, is {@link dev.sift.classifier.onnx.TextBatchRunner}'s.
 */
package dev.sift.classifier.tokenize;
