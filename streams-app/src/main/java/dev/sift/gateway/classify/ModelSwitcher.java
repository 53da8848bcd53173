package dev.sift.gateway.classify;

import dev.sift.classifier.ModelInfo;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.InvalidBundleException;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a new bundle live only once it is fully verified and loaded: a bundle that is missing, truncated, corrupt or
 * does not match its graph is refused with the reason, and the current model keeps serving.
 */
@Singleton
public class ModelSwitcher {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSwitcher.class);

    private final LiveModel live;
    private final ModelLoader loader;

    /**
     * @param live the live model
     * @param loader loads and verifies bundles
     */
    public ModelSwitcher(LiveModel live, ModelLoader loader) {
        this.live = live;
        this.loader = loader;
    }

    /**
     * The outcome of a switch.
     *
     * @param switched whether the new model is live
     * @param serving the version serving now
     * @param previous the version that served before
     * @param reason why the bundle was refused, or null
     */
    public record Outcome(boolean switched, String serving, String previous, String reason) {
    }

    /**
     * Loads a bundle and, if it is valid, serves with it.
     *
     * @param bundle a bundle directory or archive
     * @return what happened
     */
    public Outcome switchTo(Path bundle) {
        String current = live.info().version();
        SnippetClassifier next;
        try {
            next = loader.load(bundle);
        } catch (InvalidBundleException | IllegalStateException e) {
            LOG.warn("refused model bundle {}: {} (still serving {})", bundle, e.getMessage(), current);
            return new Outcome(false, current, current, Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        ModelInfo previous = live.swap(next);
        LOG.info("now serving model {} (was {})", next.info().version(), previous.version());
        return new Outcome(true, next.info().version(), previous.version(), null);
    }
}
