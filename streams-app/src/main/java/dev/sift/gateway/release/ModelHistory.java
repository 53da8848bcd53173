package dev.sift.gateway.release;

import dev.sift.classifier.bundle.BundleVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway served and refused: the live model, every swap with its load time, every rejection with its
 * reason. Feeds the health endpoint, {@code GET /model} and the metrics ({@code sift.model.swaps},
 * {@code sift.model.rejections{reason}}, {@code sift.model.load}).
 */
@Singleton
public class ModelHistory {

    private static final int KEPT = 50;
    private static final int MAX_DETAIL = 400;

    private final MeterRegistry registry;
    private final Timer loadTimer;
    private final Deque<Event> events = new ArrayDeque<>();
    private volatile Event live;

    /**
     * @param registry where the metrics go
     */
    public ModelHistory(MeterRegistry registry) {
        this.registry = registry;
        this.loadTimer = Timer.builder("sift.model.load").description("Time to fetch, verify, load, check and warm a"
                + " model before it goes live").register(registry);
    }

    /**
     * One thing that happened to a model.
     *
     * @param at when
     * @param kind what happened
     * @param version the model version
     * @param sequence release sequence, -1 for a configured bundle
     * @param loadMillis time to load and check it
     * @param reason why it was refused, or null
     * @param detail a sentence
     */
    @Serdeable
    public record Event(Instant at, EventKind kind, String version, long sequence, long loadMillis,
            RejectionReason reason, String detail) {
    }

    /**
     * @param version the version now serving
     * @param sequence its release sequence (-1 for a configured bundle)
     * @param loadMillis how long it took to get it ready
     * @param kind {@link EventKind#LIVE} (start-up), {@link EventKind#SWAP} or {@link EventKind#ROLLBACK}
     * @param detail a sentence
     */
    public synchronized void live(String version, long sequence, long loadMillis, EventKind kind, String detail) {
        if (!kind.serving()) {
            throw new IllegalArgumentException(kind + " is not a model going live");
        }
        Event e = new Event(Instant.now(), kind, version, sequence, loadMillis, null, detail);
        live = e;
        add(e);
        loadTimer.record(Duration.ofMillis(loadMillis));
        registry.counter("sift.model.swaps", "kind", kind.name()).increment();
    }

    /**
     * @param version the refused version, as the release had it (shown shortened when it is not a valid version)
     * @param sequence its release sequence
     * @param reason why
     * @param detail what was wrong
     */
    public synchronized void rejected(String version, long sequence, RejectionReason reason, String detail) {
        add(new Event(Instant.now(), EventKind.REJECTED, shown(version), sequence, 0, reason,
                detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail));
        registry.counter("sift.model.rejections", "reason", reason.code()).increment();
    }

    /**
     * @param version a version from a release, valid or not
     * @return the version when valid, else a short printable form of it (releases come from anyone who can write
     *     the topic)
     */
    public static String shown(String version) {
        return BundleVersion.isValid(version) ? version : BundleVersion.printable(version);
    }

    /**
     * @param version the release on trial
     * @param sequence its release sequence
     * @param detail a sentence
     */
    public synchronized void shadow(String version, long sequence, String detail) {
        add(new Event(Instant.now(), EventKind.SHADOW, version, sequence, 0, null, detail));
    }

    private void add(Event e) {
        events.addLast(e);
        while (events.size() > KEPT) {
            events.removeFirst();
        }
    }

    /** @return the live model's event, if one went live */
    public Optional<Event> live() {
        return Optional.ofNullable(live);
    }

    /** @return recent events, oldest first */
    public synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    /**
     * @return the release that was live before the current one, for rollbacks
     */
    public synchronized Optional<Event> previousLive() {
        List<Event> lives = events.stream().filter(e -> e.kind().serving()).toList();
        for (int i = lives.size() - 2; i >= 0; i--) {
            if (!lives.get(i).version().equals(live == null ? null : live.version())) {
                return Optional.of(lives.get(i));
            }
        }
        return Optional.empty();
    }
}
