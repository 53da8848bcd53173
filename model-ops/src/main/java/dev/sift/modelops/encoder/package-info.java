/**
 * Pretrained encoders and the sentence embeddings heads are trained on: {@link dev.sift.modelops.encoder.Encoder}
 * is a BERT-family ONNX graph with its tokenizer and pooling (the built-in all-MiniLM-L6-v2 and bge-small-en-v1.5 come
 * from Maven Central jars, checked against a pinned SHA-256, or any graph and tokenizer from files), and
 * {@link dev.sift.modelops.encoder.FeatureExtractor} computes embeddings with the same pooled graph the heads are later
 * fused onto, caching them in feature files. {@link dev.sift.modelops.encoder.StudentEncoder} makes a shallower encoder
 * of some of another's transformer layers, the student that fine-tuning trains.
 *
 * <p>Appending pooling to a graph is {@code dev.sift.modelops.onnx.SentenceEmbeddingGraph}; training on the embeddings
 * is {@link dev.sift.modelops.train}.
 */
package dev.sift.modelops.encoder;
