package dev.sift.modelops.bundle;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.dataset.Polarities;
import dev.sift.modelops.onnx.GraphOps;
import dev.sift.modelops.onnx.Nodes;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a classifier that already ends in logits (for example a fine-tuned MobileBERT exported by Hugging Face
 * Optimum) into a bundle: the activation is appended inside the graph (sigmoid for multi-label intents, softmax for
 * reputation), reputation columns are reordered to {@code negative, neutral, positive} when the labels file lists
 * them in another order, and the output is renamed to what the runtime reads.
 */
public final class LogitsImport {

    private LogitsImport() {
    }

    /**
     * What to import.
     *
     * @param onnx the classifier graph
     * @param tokenizer its {@code tokenizer.json}
     * @param labels one label per output column, in the graph's order
     * @param role {@link BundleManifest#INTENTS} or {@link BundleManifest#REPUTATION}
     * @param output the logits output name, or null for the graph's only 2-D output
     * @param maxTokens tokens per snippet
     */
    public record Source(Path onnx, Path tokenizer, List<String> labels, String role, String output, int maxTokens) {
    }

    /**
     * Imports a logits classifier.
     *
     * @param source what to import
     * @param name bundle family
     * @param directory target directory
     * @return the sealed bundle
     */
    public static ModelBundle importBundle(Source source, String name, Path directory) {
        OnnxGraph graph = OnnxGraph.read(source.onnx());
        String logits = source.output() != null ? source.output() : onlyTwoDimensionalOutput(graph);
        long width = graph.declaredShape(logits).map(s -> s[s.length - 1]).orElse(-1L);
        if (width > 0 && width != source.labels().size()) {
            throw new IllegalArgumentException("output " + logits + " has " + width + " columns but the labels file lists "
                    + source.labels().size());
        }
        boolean reputation = source.role().equals(BundleManifest.REPUTATION);
        GraphOps ops = new GraphOps(graph, "sift_import/");
        List<String> labels = source.labels();
        if (reputation) {
            List<String> normalized = labels.stream().map(Polarities::normalize).toList();
            if (!new java.util.HashSet<>(normalized).equals(new java.util.HashSet<>(Polarities.ALL))) {
                throw new IllegalArgumentException("a reputation model's labels must be negative, neutral and positive"
                        + " (in any order), got " + labels);
            }
            long[] order = Polarities.ALL.stream().mapToLong(normalized::indexOf).toArray();
            String index = graph.uniqueName("sift_import/polarity_order");
            graph.putInitializer(Tensors.longs(index, new long[] {3}, order));
            logits = ops.op("Gather", "reordered", List.of(logits, index), Nodes.intAttr("axis", 1));
            labels = Polarities.ALL;
        }
        String outputName = reputation ? "reputation_probs" : "intent_probs";
        ops.opNamed(reputation ? "Softmax" : "Sigmoid", outputName, List.of(logits),
                reputation ? new ai.onnx.proto.OnnxMl.AttributeProto[] {Nodes.intAttr("axis", 1)}
                        : new ai.onnx.proto.OnnxMl.AttributeProto[0]);
        graph.setFloatOutputs(Map.of(outputName, new long[] {-1, labels.size()}),
                Map.of(outputName, new String[] {"batch", null}));
        graph.removeDeadCode();
        graph.checkOrThrow("importing " + source.onnx());
        Map<String, BundleManifest.Head> heads = new LinkedHashMap<>();
        heads.put(source.role(), new BundleManifest.Head(outputName, reputation ? "softmax" : "sigmoid",
                new ArrayList<>(labels), new BundleManifest.Calibration("none", Map.of())));
        String version = name + "-" + Sha256.ofFile(source.onnx()).substring(0, 12);
        return BundleBuilder.write(graph, source.tokenizer(),
                new BundleManifest.BaseModel(source.onnx().getFileName().toString(), source.onnx().toString(),
                        Sha256.ofFile(source.onnx())),
                heads, new BundleBuilder.Spec(name, version, source.maxTokens(), "fp32", Map.of(),
                        Map.of("imported", "logits model " + source.onnx().getFileName())), directory);
    }

    private static String onlyTwoDimensionalOutput(OnnxGraph graph) {
        List<String> candidates = graph.outputs().stream()
                .filter(o -> o.getType().getTensorType().getShape().getDimCount() == 2)
                .map(ValueInfoProto::getName).toList();
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("name the logits output with --output: the graph has "
                    + candidates.size() + " outputs of shape [batch, n]: " + candidates);
        }
        return candidates.get(0);
    }
}
