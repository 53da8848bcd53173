/**
 * What a caller of the classifier sees, whoever implements it: {@link dev.sift.classifier.SnippetClassifier} scores
 * snippets for intents (multi-label) and reputation polarity, returning a {@link dev.sift.classifier.Classification}
 * per snippet; {@link dev.sift.classifier.ModelInfo} says what the scores mean (version, labels, max tokens,
 * precision); {@link dev.sift.classifier.ClassifierStats} counts the work; and
 * {@link dev.sift.classifier.ResourceGuard} lets native resources be used concurrently and closed exactly once, after
 * the running uses, because closing ONNX Runtime under an inference crashes the JVM.
 *
 * <p>The implementation over ONNX Runtime is {@link dev.sift.classifier.onnx}, the tokenizer
 * {@link dev.sift.classifier.tokenize}, the verified model files {@link dev.sift.classifier.bundle}. Applying a
 * policy to the scores is the gateway's ({@code dev.sift.gateway.policy}); building models is model-ops'.
 */
package dev.sift.classifier;
