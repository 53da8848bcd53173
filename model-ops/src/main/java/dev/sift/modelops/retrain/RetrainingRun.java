package dev.sift.modelops.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.bundle.HeadFusion;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.learning.CollectorState;
import dev.sift.modelops.learning.DatasetVersion;
import dev.sift.modelops.learning.LabelCollector;
import dev.sift.modelops.learning.LearningConfig;
import dev.sift.modelops.optimize.Candidate;
import dev.sift.modelops.optimize.OptimizationSearch;
import dev.sift.modelops.optimize.SearchOptions;
import dev.sift.modelops.optimize.SearchReport;
import dev.sift.modelops.publish.ModelStore;
import dev.sift.modelops.publish.ReleasePublisher;
import dev.sift.modelops.train.ContextScales;
import dev.sift.modelops.train.HeadTrainer;
import dev.sift.modelops.train.TrainingOptions;
import dev.sift.schema.ModelRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retraining: bring the feedback data set up to date, retrain the heads on the static labels plus the feedback's
 * training part (with an output for each new intent that has enough examples), optimize through the accuracy-gated
 * search, judge the chosen candidate against the live model on the held-out feedback ({@link BetterThanLive}) and
 * publish it when it is better. The same data set judged against the same live model is not judged twice. The
 * run's folder keeps its reports ({@code search.json}, {@code search.png}, {@code retraining.json}); its bundles are
 * deleted once judged.
 *
 * <p>Until the feedback data set holds {@code min-held-out} held-out labels there is nothing to judge a retrained
 * model on: {@link #run} then returns empty and the caller re-optimizes on the static labels, as before the loop.
 */
public final class RetrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainingRun.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final LabelCollector collector;
    private final LearningConfig config;
    private final Predicate<String> teacherIntents;

    /**
     * @param collector the feedback data set
     * @param config the learning settings
     * @param teacherIntents whether an intent is in the teacher's catalogue (only those become new outputs)
     */
    public RetrainingRun(LabelCollector collector, LearningConfig config, Predicate<String> teacherIntents) {
        this.collector = collector;
        this.config = config;
        this.teacherIntents = teacherIntents;
    }

    /**
     * Where the live release comes from and where a new one goes.
     *
     * @param live the newest release model-ops signed, if any
     * @param publisher publishes a bundle as a signed release
     * @param store the model store the live release's archive is in
     */
    public record ReleaseChannel(Supplier<Optional<ModelRelease>> live, Supplier<ReleasePublisher> publisher,
            ModelStore store) {
    }

    /**
     * What one run works on.
     *
     * @param runId the run's id
     * @param base the FP32 bundle whose encoder the heads sit on
     * @param starter the static labeled data (the starter set or {@code sift.model-ops.data})
     * @param calibration snippets for the search's profiling (recent traffic)
     * @param search the search's candidates and gate
     * @param workDir where the run writes its bundles and reports
     * @param releases the live release and the publisher
     */
    public record Inputs(String runId, ModelBundle base, Dataset starter, List<String> calibration,
            SearchOptions search, Path workDir, ReleaseChannel releases) {
    }

    /** How a retraining ended. */
    public enum State {
        /** A release was published. */
        PUBLISHED,
        /** Nothing was published; the detail says why. */
        NOT_PUBLISHED
    }

    /**
     * A retraining's result.
     *
     * @param state how it ended
     * @param detail what happened, in a sentence
     * @param version the candidate's version, or null
     * @param metrics the candidate's figures
     */
    public record Outcome(State state, String detail, String version, Map<String, Double> metrics) {
    }

    /**
     * @param inputs what the run works on
     * @return how it ended, or empty when the feedback cannot judge a candidate yet
     */
    public Optional<Outcome> run(Inputs inputs) {
        collector.collect();
        Optional<DatasetVersion> data = collector.snapshot(new LabelCollector.Versioning(config.getHeldOutShare(),
                config.getMaxExamples(), config.getKeepVersions()));
        if (data.isEmpty()) {
            LOG.info("run {}: no feedback labels yet", inputs.runId());
            return Optional.empty();
        }
        DatasetVersion feedback = data.get();
        if (feedback.manifest().heldOut() < config.getMinHeldOut()) {
            LOG.info("run {}: feedback data set {} holds {} held-out labels, {} are needed to judge a retrained model",
                    inputs.runId(), feedback.version(), feedback.manifest().heldOut(), config.getMinHeldOut());
            return Optional.empty();
        }
        Optional<ModelRelease> release = inputs.releases().live().get();
        String liveVersion = release.map(ModelRelease::getVersion).orElse(inputs.base().version());
        String key = judgedKey(feedback, inputs.base(), liveVersion);
        Optional<CollectorState.Retrained> judged = collector.lastRetrained().filter(r -> r.key().equals(key));
        if (judged.isPresent()) {
            return Optional.of(new Outcome(State.NOT_PUBLISHED, "no new labels: feedback data set "
                    + feedback.version() + " was judged against " + liveVersion + " in run " + judged.get().runId()
                    + " (" + judged.get().outcome() + ")", null, Map.of()));
        }
        Outcome outcome;
        try {
            outcome = retrain(inputs, feedback, release);
        } finally {
            deleteBundles(inputs.workDir());
        }
        collector.recordRetrained(new CollectorState.Retrained(outcome.state() == State.PUBLISHED
                ? judgedKey(feedback, inputs.base(), outcome.version()) : key, inputs.runId(),
                outcome.state().name(), outcome.detail()));
        return Optional.of(outcome);
    }

    private Outcome retrain(Inputs inputs, DatasetVersion feedback, Optional<ModelRelease> release) {
        ModelBundle base = inputs.base();
        Path work = inputs.workDir();
        LiveModel live = LiveModel.resolve(release, base, inputs.releases().store(), work);
        TrainingSet set = TrainingSet.of(inputs.starter(), feedback);
        Set<String> kept = new LinkedHashSet<>(live.intents());
        base.manifest().intents().ifPresent(h -> kept.addAll(h.labels()));
        IntentOutputs outputs = IntentOutputs.choose(kept, set.intentCounts(), teacherIntents,
                config.getMinExamplesPerIntent());
        Dataset training = set.dataset(outputs.labels());
        long start = System.nanoTime();
        ModelBundle fp32 = new HeadRetraining(trainingOptions(), Progress.NONE).train(base, training,
                Set.copyOf(set.contextJudges()), spec(base, feedback, set, outputs), work.resolve("fp32"));
        LOG.info("run {}: heads retrained on {} examples in {} s: {} ({})", inputs.runId(), set.train().size(),
                (System.nanoTime() - start) / 1_000_000_000, fp32.version(), ReleaseNotes.newIntents(outputs));
        start = System.nanoTime();
        SearchReport report = new OptimizationSearch(inputs.search(), Progress.NONE).run(new OptimizationSearch.Inputs(
                fp32, training, set.heldOut(), inputs.calibration()), work.resolve("candidates"));
        report.write(work);
        LOG.info("run {}: search of {} candidates in {} s", inputs.runId(), report.candidates().size(),
                (System.nanoTime() - start) / 1_000_000_000);
        if (report.chosen() == null) {
            return new Outcome(State.NOT_PUBLISHED, report.nothingChosenBecause(), null, Map.of());
        }
        Candidate chosen = report.chosen();
        if (chosen.version().equals(live.version())) {
            return new Outcome(State.NOT_PUBLISHED, chosen.version() + " is already live", chosen.version(),
                    Map.of());
        }
        boolean[][] truth = HeadTrainer.truth(set.heldOut().stream().map(LabeledSnippet::intents).toList(),
                outputs.labels());
        BetterThanLive.Verdict verdict = BetterThanLive.judge(criteria(), outputs.labels(),
                Set.copyOf(live.intents()), HeldOutScores.of(live.bundle(), set.heldOut(), outputs.labels()),
                HeldOutScores.of(chosen.bundle(), set.heldOut(), outputs.labels()), truth);
        Map<String, Double> metrics = new LinkedHashMap<>(report.figuresOf(chosen));
        metrics.put("heldOutMicroF1", verdict.candidateMicroF1());
        metrics.put("liveHeldOutMicroF1", verdict.liveMicroF1());
        metrics.put("heldOutExamples", (double) set.heldOut().size());
        metrics.put("trainExamples", (double) set.train().size());
        metrics.put("newIntents", (double) outputs.added().size());
        writeReport(work, new Report(feedback.version(), live.version(), chosen.version(), outputs, verdict));
        LOG.info("run {}: {} against {}: {}", inputs.runId(), chosen.version(), live.description(), verdict.reason());
        if (!verdict.better()) {
            return new Outcome(State.NOT_PUBLISHED, chosen.version() + " is not better than " + live.description()
                    + ": " + verdict.reason(), chosen.version(), metrics);
        }
        ModelRelease published = inputs.releases().publisher().get().publish(chosen.bundle(), metrics,
                ReleaseNotes.of(new ReleaseNotes.Subject(base.version(), inputs.starter().name(), feedback, outputs,
                        live, verdict, chosen)));
        return new Outcome(State.PUBLISHED, "published " + published.getVersion() + " (" + verdict.reason() + "; "
                + ReleaseNotes.newIntents(outputs) + ")", chosen.version(), metrics);
    }

    /**
     * What a run judged: the same data set, base and live model give the same judgement, so it is not made twice.
     */
    private static String judgedKey(DatasetVersion feedback, ModelBundle base, String liveVersion) {
        return feedback.version() + "|" + base.version() + "|" + liveVersion;
    }

    private HeadRetraining.Spec spec(ModelBundle base, DatasetVersion feedback, TrainingSet set,
            IntentOutputs outputs) {
        String name = base.manifest().name() + "-learned";
        TrainingOptions options = trainingOptions();
        String key = base.version() + "\n" + feedback.version() + "\n" + set.name() + "\n" + outputs.labels() + "\n"
                + java.util.Arrays.toString(options.costs()) + options.folds() + options.seed()
                + HeadFusion.contextInputs(base.manifest().context()).map(c -> "\n" + ContextScales.defaults())
                        .orElse("");
        String version = name + "-" + Sha256.of(key.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("retrainedFrom", base.version());
        provenance.put("trainingData", set.name());
        provenance.put("feedbackDataset", feedback.version());
        provenance.put("heldOutExamples", Integer.toString(set.heldOut().size()));
        provenance.put("newIntents", String.join(",", outputs.added()));
        Optional.ofNullable(base.manifest().provenance().get("pooling")).ifPresent(p -> provenance.put("pooling", p));
        return new HeadRetraining.Spec(name, version, provenance);
    }

    private TrainingOptions trainingOptions() {
        return trainingOptions(config);
    }

    /**
     * @param config the learning settings
     * @return how a retraining trains heads: the trainer's defaults, with the configured cost grid when there is one
     */
    public static TrainingOptions trainingOptions(LearningConfig config) {
        TrainingOptions defaults = TrainingOptions.defaults();
        double[] costs = config.getCosts().isEmpty() ? defaults.costs()
                : config.getCosts().stream().mapToDouble(Double::doubleValue).toArray();
        return new TrainingOptions(costs, defaults.folds(), defaults.threads(), defaults.seed());
    }

    private BetterThanLive.Criteria criteria() {
        return new BetterThanLive.Criteria(config.getJudgeThreshold(), config.getMinGainPoints(),
                config.getMaxIntentLossPoints(), config.getMinIntentSupport(), config.getMinNewIntentF1());
    }

    /**
     * What {@code retraining.json} in the run's folder records.
     *
     * @param dataset the feedback data set version
     * @param live the live model judged against
     * @param candidate the candidate judged
     * @param outputs its intent outputs
     * @param verdict the judgement
     */
    public record Report(String dataset, String live, String candidate, IntentOutputs outputs,
            BetterThanLive.Verdict verdict) {
    }

    /**
     * A retraining writes an encoder graph, the live bundle, the FP32 candidate and the optimized ones (hundreds of
     * megabytes); once judged, only the reports are worth keeping: the published bundle is in the store.
     */
    private static void deleteBundles(Path work) {
        for (String folder : List.of("live", "fp32", "candidates")) {
            Path dir = work.resolve(folder);
            if (!Files.exists(dir)) {
                continue;
            }
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", dir, e.getMessage());
            }
        }
    }

    private static void writeReport(Path work, Report report) {
        try {
            Files.createDirectories(work);
            JSON.writeValue(work.resolve("retraining.json").toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the retraining report in " + work, e);
        }
    }
}
