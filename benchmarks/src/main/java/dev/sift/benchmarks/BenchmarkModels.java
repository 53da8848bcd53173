package dev.sift.benchmarks;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.optimize.Int8Bundle;
import dev.sift.modelops.train.TrainingOptions;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The model variants benchmarks compare, each a real bundle with heads trained by the project's own command on the
 * starter set, built once and cached under {@link SiftHome#bundles()}.
 */
public final class BenchmarkModels {

    /** The default bundle: all-MiniLM-L6-v2 FP32. */
    public static final String FP32 = "fp32";
    /** The default bundle quantized to INT8 by model-ops (dynamic, per-channel, no pruning). */
    public static final String INT8 = "int8";
    /** The same encoder quantized by ONNX Runtime's Python {@code quantize_dynamic}, with the same heads' training. */
    public static final String INT8_ORT_REFERENCE = "int8-ort-reference";
    /**
     * The default context-aware bundle quantized to INT8 the same way: the same encoder, an intent head that also
     * reads the thread's earlier turns.
     */
    public static final String INT8_CONTEXT = "int8-context";
    /** Every built-in variant. */
    public static final List<String> ALL = List.of(FP32, INT8, INT8_ORT_REFERENCE, INT8_CONTEXT);
    /** System property naming extra variants: {@code name=bundle-dir,name=bundle-dir}. */
    public static final String EXTRA = "sift.bench.models";

    private BenchmarkModels() {
    }

    /**
     * @param name a variant
     * @param progress progress of a first build
     * @return its bundle
     */
    public static ModelBundle bundle(String name, Progress progress) {
        String extra = extra().get(name);
        if (extra != null) {
            return ModelBundle.open(java.nio.file.Path.of(extra));
        }
        return switch (name) {
            case FP32 -> DefaultBundle.ensure(progress);
            case INT8 -> int8(DefaultBundle.ensure(progress));
            case INT8_CONTEXT -> int8(DefaultBundle.ensureContext(progress));
            case INT8_ORT_REFERENCE -> trained(Encoder.MINILM_INT8_REFERENCE, "sift-reference-int8", progress);
            default -> throw new IllegalArgumentException("unknown model variant " + name + " (" + ALL + ")");
        };
    }

    private static ModelBundle int8(ModelBundle base) {
        String version = base.version() + "-" + Int8Bundle.RECIPE;
        return Int8Bundle.of(base, version, SiftHome.bundles().resolve(version));
    }

    /** @return extra variants given on the command line, by name */
    public static java.util.Map<String, String> extra() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        String spec = System.getProperty(EXTRA, "");
        for (String entry : spec.split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return out;
    }

    private static ModelBundle trained(String encoderName, String family, Progress progress) {
        Dataset starter = DefaultBundle.starterSet();
        BundleTraining training = new BundleTraining(Encoder.builtIn(encoderName, SiftHome.work()), SiftHome.work(),
                DefaultBundle.MAX_TOKENS, new TrainingOptions(TrainingOptions.defaults().costs(), 5, 1, 0), progress);
        String version = training.versionFor(family, starter);
        var directory = SiftHome.bundles().resolve(version);
        if (Files.exists(directory.resolve("manifest.json"))) {
            return ModelBundle.open(directory);
        }
        return training.train(starter, family, version, Map.of(), directory).bundle();
    }
}
