package dev.sift.gateway.support;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.BundleBuilder;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.optimize.DynamicQuantizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Real bundles for gateway specifications: the default one, and an INT8 version of it under another version. */
public final class TestBundles {

    private TestBundles() {
    }

    /** @return the default bundle (built once per machine) */
    public static ModelBundle defaultBundle() {
        return DefaultBundle.ensure(Progress.NONE);
    }

    /**
     * @param folder where to write it
     * @param version its version
     * @return the default bundle quantized to INT8, with its own golden set
     */
    public static ModelBundle int8(Path folder, String version) {
        ModelBundle base = defaultBundle();
        Path target = folder.resolve(version);
        if (Files.exists(target.resolve("manifest.json"))) {
            return ModelBundle.open(target);
        }
        OnnxGraph graph = OnnxGraph.read(base.modelFile());
        DynamicQuantizer.forThisCpu(Set.of()).quantize(graph);
        BundleManifest m = base.manifest();
        return BundleBuilder.write(graph, base.tokenizerFile(), m.baseModel(), m.heads(),
                new BundleBuilder.Spec(m.name(), version, m.maxTokens(), "int8", Map.of(), m.provenance()), target);
    }
}
