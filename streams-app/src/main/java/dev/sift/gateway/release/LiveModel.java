package dev.sift.gateway.release;

import dev.sift.classifier.ModelInfo;
import dev.sift.classifier.SnippetClassifier;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier the gateway is serving with, swappable while the stream runs.
 *
 * <p>Every inference holds a {@link Lease} on the model it started with. A swap installs the new model at once for
 * new leases; the old model is closed only when its last lease is released. ONNX Runtime crashes the JVM when a
 * session is closed under a running inference, which this reference counting rules out.
 */
public final class LiveModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveModel.class);

    private final AtomicReference<Counted> current;

    /**
     * @param initial the model to serve with first
     */
    public LiveModel(SnippetClassifier initial) {
        this.current = new AtomicReference<>(new Counted(Objects.requireNonNull(initial)));
    }

    /**
     * Takes a lease on the current model; release it (close) when the inference is done.
     *
     * @return the lease
     * @throws IllegalStateException when the live model has been closed
     */
    public Lease acquire() {
        while (true) {
            Counted model = current.get();
            if (model == null) {
                throw new IllegalStateException("the live model is closed");
            }
            if (model.retain()) {
                return new Lease(model);
            }
            // The model was retired between reading and retaining: read the new one.
        }
    }

    /** @return what the current model's scores mean */
    public ModelInfo info() {
        Counted model = current.get();
        if (model == null) {
            throw new IllegalStateException("the live model is closed");
        }
        return model.classifier.info();
    }

    /**
     * Serves with another model from now on; the previous one closes once its in-flight inferences finish.
     *
     * @param next a loaded, verified classifier
     * @return the model that was live before
     */
    public ModelInfo swap(SnippetClassifier next) {
        Counted previous = current.getAndSet(new Counted(Objects.requireNonNull(next)));
        if (previous == null) {
            current.set(null);
            next.close();
            throw new IllegalStateException("the live model is closed");
        }
        ModelInfo info = previous.classifier.info();
        previous.release();
        return info;
    }

    @Override
    public void close() {
        Counted last = current.getAndSet(null);
        if (last != null) {
            last.release();
        }
    }

    /** A model with a count of its holders: the live slot holds one reference, each lease another. */
    private static final class Counted {
        private final SnippetClassifier classifier;
        private final AtomicInteger references = new AtomicInteger(1);

        Counted(SnippetClassifier classifier) {
            this.classifier = classifier;
        }

        boolean retain() {
            while (true) {
                int refs = references.get();
                if (refs == 0) {
                    return false;
                }
                if (references.compareAndSet(refs, refs + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (references.decrementAndGet() == 0) {
                LOG.info("closing model {}: no inference uses it any more", classifier.info().version());
                classifier.close();
            }
        }
    }

    /** Use of one model for one or more inferences; close exactly once. */
    public static final class Lease implements AutoCloseable {
        private final Counted model;
        private boolean released;

        private Lease(Counted model) {
            this.model = model;
        }

        /** @return the leased classifier */
        public SnippetClassifier classifier() {
            if (released) {
                throw new IllegalStateException("lease already released");
            }
            return model.classifier;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                model.release();
            }
        }
    }
}
