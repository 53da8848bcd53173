/**
 * ONNX graphs held for editing, and the graph patterns model-ops recognizes in them.
 *
 * <ul>
 *   <li>{@link dev.sift.modelops.onnx.OnnxGraph}: read, inspect, edit, check and write a model;
 *       {@link dev.sift.modelops.onnx.GraphOps}, {@link dev.sift.modelops.onnx.Nodes} and
 *       {@link dev.sift.modelops.onnx.Tensors} build nodes and tensors for it.</li>
 *   <li>{@link dev.sift.modelops.onnx.GraphIndex}: producers, readers and initializers of one state of a graph,
 *       built once per state by {@link dev.sift.modelops.onnx.OnnxGraph#index()}; every pattern is matched against
 *       it.</li>
 *   <li>Patterns and what they match: {@link dev.sift.modelops.onnx.WeightMatMul} and
 *       {@link dev.sift.modelops.onnx.LinearLayer} (a MatMul by a weight initializer, plus its bias),
 *       {@link dev.sift.modelops.onnx.FeedForwardPattern} ({@link dev.sift.modelops.onnx.FeedForwardBlock}),
 *       {@link dev.sift.modelops.onnx.LayerNormPattern} ({@link dev.sift.modelops.onnx.LayerNormMatch}),
 *       {@link dev.sift.modelops.onnx.EmbeddingLookup} and {@link dev.sift.modelops.onnx.WordProjection} (a lookup
 *       table, and the projection after a factorized word table). An export
 *       that writes one of these differently is taught here, once, for every optimizer.</li>
 *   <li>{@link dev.sift.modelops.onnx.EncoderStructure}: a transformer encoder's blocks, normalizations and layers,
 *       from those patterns.</li>
 *   <li>{@link dev.sift.modelops.onnx.TransformerLayers}: where each transformer layer begins and ends, from the
 *       attention softmaxes ({@link dev.sift.modelops.onnx.SoftmaxDepth}) and the residual stream;
 *       {@link dev.sift.modelops.onnx.LayerTruncation} keeps a {@link dev.sift.modelops.onnx.LayerSelection} of them
 *       for a shallower student, or refuses with a {@link dev.sift.modelops.onnx.LayerSelectionException}.</li>
 *   <li>{@link dev.sift.modelops.onnx.SentenceEmbeddingGraph}: pooling and normalization appended to an encoder.</li>
 * </ul>
 */
package dev.sift.modelops.onnx;
