package dev.sift.modelops.bundle;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.context.ContextInputs;
import dev.sift.classifier.context.ContextSlot;
import dev.sift.modelops.onnx.GraphOps;
import dev.sift.modelops.onnx.Nodes;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.train.LinearHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuses trained heads onto a sentence-embedding graph: for each head a MatMul and Add with the calibrated weights,
 * then Sigmoid or Softmax, as named outputs {@code intent_probs} and {@code reputation_probs}. The bundle is then
 * one graph whose outputs are the probabilities, with no math left to the Java side.
 *
 * <p>With context, the graph also reads one float input {@code [batch, width]} per {@link ContextSlot}; the intent
 * head reads the concatenation [{@code sentence_embedding}; slot 1; ...; slot k] in the given slot order, the
 * reputation head the turn's embedding alone, and {@code sentence_embedding} stays an output (the turn's own
 * embedding, which a gateway folds into its thread's memory).
 */
public final class HeadFusion {

    private HeadFusion() {
    }

    /**
     * Fuses heads in place, for a model that judges each turn alone.
     *
     * @param graph a graph with output {@value SentenceEmbeddingGraph#OUTPUT}
     * @param heads heads to add
     */
    public static void fuse(OnnxGraph graph, List<LinearHead> heads) {
        fuse(graph, heads, Optional.empty());
    }

    /**
     * Fuses heads in place.
     *
     * @param graph a graph with output {@value SentenceEmbeddingGraph#OUTPUT}
     * @param heads heads to add; with context, the intent head must read the embedding and every slot
     * @param context the slots the intent head reads besides the turn, or empty
     * @throws IllegalArgumentException when a head's input width does not fit what it reads
     */
    public static void fuse(OnnxGraph graph, List<LinearHead> heads, Optional<ContextInputs> context) {
        String embedding = SentenceEmbeddingGraph.OUTPUT;
        if (graph.outputs().stream().noneMatch(o -> o.getName().equals(embedding))) {
            throw new IllegalArgumentException("graph has no " + embedding + " output to fuse heads onto");
        }
        Map<String, long[]> outputs = new LinkedHashMap<>();
        Map<String, String[]> symbols = new LinkedHashMap<>();
        String intentInput = context.map(c -> contextFeatures(graph, embedding, c)).orElse(embedding);
        for (LinearHead head : heads) {
            GraphOps ops = new GraphOps(graph, "sift_head/" + head.role() + "/");
            String input = head.role().equals(BundleManifest.INTENTS) ? intentInput : embedding;
            int expected = context.isPresent() && input.equals(intentInput)
                    ? context.get().width() * (1 + context.get().slots().size()) : head.inputSize();
            if (head.inputSize() != expected) {
                throw new IllegalArgumentException("head " + head.role() + " reads " + head.inputSize()
                        + " features, but its input is " + expected + " wide");
            }
            String logits = ops.linear(input, head.weights(), head.bias(), head.inputSize(), head.outputs(),
                    head.role());
            switch (head.activation()) {
                case SOFTMAX -> ops.opNamed(head.activation().onnxOperator(), head.outputName(), List.of(logits),
                        Nodes.intAttr("axis", 1));
                case SIGMOID -> ops.opNamed(head.activation().onnxOperator(), head.outputName(), List.of(logits));
            }
            outputs.put(head.outputName(), new long[] {-1, head.outputs()});
            symbols.put(head.outputName(), new String[] {"batch", null});
        }
        context.ifPresent(c -> {
            outputs.put(embedding, new long[] {-1, c.width()});
            symbols.put(embedding, new String[] {"batch", null});
        });
        graph.setFloatOutputs(outputs, symbols);
        graph.removeDeadCode();
        graph.checkOrThrow("fusing heads");
    }

    /** Adds the context inputs and their concatenation after the turn's embedding; returns the concatenation. */
    private static String contextFeatures(OnnxGraph graph, String embedding, ContextInputs context) {
        List<String> parts = new ArrayList<>();
        parts.add(embedding);
        for (ContextSlot slot : context.slots()) {
            graph.addFloatInput(slot.inputName(), context.width());
            parts.add(slot.inputName());
        }
        return new GraphOps(graph, "sift_context/").op("Concat", "turn_and_context", parts,
                Nodes.intAttr("axis", 1));
    }

    /**
     * @param context what a context-aware graph reads
     * @return the manifest's record of it
     */
    public static BundleManifest.Context manifestEntry(ContextInputs context) {
        return new BundleManifest.Context(context.slots().stream().map(ContextSlot::name).toList(), context.width(),
                SentenceEmbeddingGraph.OUTPUT);
    }

    /**
     * @param context a manifest's context, or {@code null}
     * @return what the graph reads, empty for a context-free bundle
     */
    public static Optional<ContextInputs> contextInputs(BundleManifest.Context context) {
        return Optional.ofNullable(context).map(c -> new ContextInputs(c.slots().stream().map(ContextSlot::of)
                .toList(), c.width()));
    }
}
