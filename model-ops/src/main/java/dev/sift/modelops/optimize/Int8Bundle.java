package dev.sift.modelops.optimize;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.BundleBuilder;
import dev.sift.modelops.onnx.OnnxGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A bundle's plain dynamic INT8 twin: every quantizable MatMul and the embedding tables in INT8, layer norms written
 * for ONNX Runtime's fast kernels ({@link LayerNormRewriter}), no pruning, same heads. What quantization alone gives;
 * the optimization search goes further.
 */
public final class Int8Bundle {

    /** Names what this class makes of a bundle: a twin made by an older recipe is not reused. */
    public static final String RECIPE = "int8-ln";

    private Int8Bundle() {
    }

    /**
     * Returns the INT8 twin in {@code target}, writing it first when absent.
     *
     * @param base the FP32 bundle
     * @param version the twin's version (e.g. the base's version and {@link #RECIPE})
     * @param target its directory
     * @return the sealed INT8 bundle (with its own golden set)
     */
    public static ModelBundle of(ModelBundle base, String version, Path target) {
        if (Files.exists(target.resolve("manifest.json"))) {
            return ModelBundle.open(target);
        }
        OnnxGraph graph = OnnxGraph.read(base.modelFile());
        DynamicQuantizer.forThisCpu(Set.of()).quantize(graph);
        LayerNormRewriter.rewrite(graph);
        BundleManifest m = base.manifest();
        Map<String, String> provenance = new LinkedHashMap<>(m.provenance());
        provenance.put("optimizedFrom", m.version());
        provenance.put("precision", "int8 (dynamic, per-channel weights, no pruning)");
        provenance.put("layerNorm", "element-wise (LayerNormRewriter)");
        return BundleBuilder.write(graph, base.tokenizerFile(), m.baseModel(), m.heads(),
                new BundleBuilder.Spec(m.name(), version, m.maxTokens(), "int8", Map.of(), provenance, m.context()),
                target);
    }
}
