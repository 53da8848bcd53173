/**
 * Fine-tuning of the encoder itself, in Java, with DJL's PyTorch engine: an ONNX encoder graph's weights become the
 * parameters of a DJL module that computes the same sentence embedding ({@link dev.sift.modelops.finetune.OnnxModule}),
 * the module learns the task with an intent head ({@link dev.sift.modelops.finetune.FineTuner}), optionally from a
 * teacher's probabilities as well ({@link dev.sift.modelops.finetune.Distillation}: another bundle,
 * {@link dev.sift.modelops.finetune.BundleTeacher}, or the labels' own confidences,
 * {@link dev.sift.modelops.finetune.ConfidenceTeacher}), and the learned weights go back into the same ONNX graph by
 * initializer name ({@link dev.sift.modelops.finetune.WeightWriteBack}), so head fusion, INT8 search and bundle
 * writing work on it unchanged.
 *
 * <p>The recipe ({@link dev.sift.modelops.finetune.FineTuneOptions}): AdamW with warm-up and linear decay, optionally
 * decayed layer by layer ({@link dev.sift.modelops.finetune.PeakRates}, depths read from the graph by
 * {@link dev.sift.modelops.finetune.AttentionDepths}); judged on a validation split as it trains
 * ({@link dev.sift.modelops.finetune.ValidationPlan}, {@link dev.sift.modelops.finetune.FineTuneData}), stopped when
 * it stops improving ({@link dev.sift.modelops.finetune.EarlyStopping}) and ended with its best weights
 * ({@link dev.sift.modelops.finetune.ValidationRun}); every run seeded. Each run leaves a JSON report and a loss and
 * validation-accuracy chart ({@link dev.sift.modelops.finetune.FineTuneReportFiles}) beside its graph.
 *
 * <p>The module does not re-implement BERT or MobileBERT: it executes the graph's own nodes with DJL operators, so
 * every encoder the graph tools read (MiniLM, BGE, MobileBERT's bottlenecks, NoNorm and stacked feed-forward blocks)
 * is fine-tuned by the same code, and the pooling and normalization are the nodes
 * {@link dev.sift.modelops.onnx.SentenceEmbeddingGraph} appends for serving. Training stays in model-ops: the gateway
 * runs the written-back graph with ONNX Runtime and never loads PyTorch.
 */
package dev.sift.modelops.finetune;
