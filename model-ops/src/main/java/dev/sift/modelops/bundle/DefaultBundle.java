package dev.sift.modelops.bundle;

import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.context.ContextSlot;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.DatasetReaders;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.train.TrainingOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default model: all-MiniLM-L6-v2 with intent and reputation heads trained on the project's own starter set,
 * built reproducibly (same inputs, same version) and cached under {@link SiftHome#bundles()}; and its context-aware
 * twin, whose intent head also reads the thread's earlier turns, trained on the starter set and the context starter
 * set (short turns whose intent only the conversation before them tells).
 */
public final class DefaultBundle {

    /** Bundle family of the default model. */
    public static final String NAME = "sift-default";
    /** Bundle family of the default context-aware model. */
    public static final String CONTEXT_NAME = "sift-default-context";
    /** Tokens per snippet of the default model. */
    public static final int MAX_TOKENS = 128;
    private static final String STARTER_SET = "dev/sift/modelops/starter/starter-set.jsonl";
    private static final String CONTEXT_STARTER_SET = "dev/sift/modelops/starter/starter-context.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultBundle.class);

    private DefaultBundle() {
    }

    /**
     * @return the starter set: conversation-platform intents, chit-chat and brand reputation examples
     */
    public static Dataset starterSet() {
        return resource("sift-starter-set", STARTER_SET);
    }

    /**
     * @return the starter set and the context starter set: support-chat turns with the conversation before them
     *     (affirmations of a service's offer, which carry its intent; replies to small talk and asides, which carry
     *     none), so a context-aware head learns what the thread adds and what it does not
     */
    public static Dataset contextStarterSet() {
        Dataset starter = starterSet();
        Dataset context = resource("sift-starter-context", CONTEXT_STARTER_SET);
        return Dataset.of("sift-starter-set+context", concat(starter.train(), context.train()),
                concat(starter.validation(), context.validation()), concat(starter.test(), context.test()));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Dataset resource(String name, String path) {
        try (InputStream in = DefaultBundle.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("starter set missing from the classpath: " + path);
            }
            return DatasetReaders.jsonl(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the cached default bundle, building it first when absent or invalid.
     *
     * @param progress progress reporting
     * @return the verified bundle
     */
    public static ModelBundle ensure(Progress progress) {
        return ensure(NAME, starterSet(), training(progress));
    }

    /**
     * Returns the cached default context-aware bundle (every {@link ContextSlot}), building it first when absent or
     * invalid.
     *
     * @param progress progress reporting
     * @return the verified bundle
     */
    public static ModelBundle ensureContext(Progress progress) {
        return ensure(CONTEXT_NAME, contextStarterSet(), training(progress).withContext(List.of(ContextSlot.values())));
    }

    private static BundleTraining training(Progress progress) {
        // The default options: their results do not depend on the number of cores, so every machine builds the
        // same bundle.
        return new BundleTraining(Encoder.builtIn(Encoder.MINILM, SiftHome.work()), SiftHome.work(), MAX_TOKENS,
                TrainingOptions.defaults(), progress);
    }

    private static ModelBundle ensure(String name, Dataset starter, BundleTraining training) {
        String version = training.versionFor(name, starter);
        Path target = SiftHome.bundles().resolve(version);
        if (Files.exists(target)) {
            try {
                return ModelBundle.open(target);
            } catch (InvalidBundleException e) {
                LOG.warn("cached default bundle is invalid, rebuilding: {}", e.getMessage());
            }
        }
        LOG.info("Building the default model bundle {} (first use; cached afterwards)", version);
        Path partial = SiftHome.bundles().resolve(version + ".partial-" + ProcessHandle.current().pid());
        ModelBundle sealed = training.train(starter, name, version, Map.of(), partial).bundle();
        try {
            if (Files.exists(target)) {
                deleteRecursively(target);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the default bundle into " + target, e);
        }
        LOG.info("Default bundle {} ready at {}", sealed.version(), target);
        return ModelBundle.open(target);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
