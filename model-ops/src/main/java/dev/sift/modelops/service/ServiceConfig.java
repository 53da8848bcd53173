package dev.sift.modelops.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import dev.sift.modelops.optimize.SearchOptions;
import dev.sift.modelops.vocab.VocabularyPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code sift.model-ops.*}: what the service optimizes, on what data, where it publishes. */
@ConfigurationProperties("sift.model-ops")
@Requires(env = ModelOpsService.ENVIRONMENT)
public class ServiceConfig {

    private String baseBundle = "";
    private String data = "";
    private String store = System.getProperty("user.home") + "/.cache/sift/store";
    private String signingKey = "";
    private String publicKey = "";
    private String publicUrl = "";
    private int calibrationSample = 256;
    private List<Double> pruneRatios = new ArrayList<>(List.of(0.0, 0.1, 0.2, 0.3));
    private List<Integer> keepFp32 = new ArrayList<>(List.of(0, 2, 4));
    private List<Double> smoothing = new ArrayList<>(List.of(0.0));
    private double maxDropPoints = 0.5;
    private String objective = "FASTEST";
    private double minSpeedupOverLive = 1.05;
    private boolean pruneVocabulary;
    private int vocabularyFloor = VocabularyPlan.DEFAULT_FLOOR;
    private List<String> vocabularyCorpus = new ArrayList<>();
    private String token = "";
    private String readToken = "";

    /** @return FP32 bundle to optimize; empty for the default bundle */
    public String getBaseBundle() {
        return baseBundle;
    }

    /** @param baseBundle FP32 bundle to optimize */
    public void setBaseBundle(String baseBundle) {
        this.baseBundle = baseBundle;
    }

    /** @return labeled data (JSONL/CSV) to re-fit and judge on; empty for the starter set */
    public String getData() {
        return data;
    }

    /** @param data labeled data file */
    public void setData(String data) {
        this.data = data;
    }

    /** @return the model store directory */
    public String getStore() {
        return store;
    }

    /** @param store the model store directory */
    public void setStore(String store) {
        this.store = store;
    }

    /** @return PEM private key that signs releases */
    public String getSigningKey() {
        return signingKey;
    }

    /** @param signingKey PEM private key path */
    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey;
    }

    /** @return PEM public key of the signing key */
    public String getPublicKey() {
        return publicKey;
    }

    /** @param publicKey PEM public key path */
    public void setPublicKey(String publicKey) {
        this.publicKey = publicKey;
    }

    /** @return base URL gateways fetch archives from; empty for the store's {@code file:} URI */
    public String getPublicUrl() {
        return publicUrl;
    }

    /** @param publicUrl base URL, e.g. {@code http://model-ops:8081/bundles/} */
    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** @return recent snippets sampled for calibration */
    public int getCalibrationSample() {
        return calibrationSample;
    }

    /** @param calibrationSample recent snippets sampled for calibration */
    public void setCalibrationSample(int calibrationSample) {
        this.calibrationSample = calibrationSample;
    }

    /** @return pruning ratios to try */
    public List<Double> getPruneRatios() {
        return pruneRatios;
    }

    /** @param pruneRatios pruning ratios to try */
    public void setPruneRatios(List<Double> pruneRatios) {
        this.pruneRatios = pruneRatios;
    }

    /** @return precision plans to try */
    public List<Integer> getKeepFp32() {
        return keepFp32;
    }

    /** @param keepFp32 precision plans to try */
    public void setKeepFp32(List<Integer> keepFp32) {
        this.keepFp32 = keepFp32;
    }

    /** @return activation-smoothing strengths to try with every INT8 plan (0 = none) */
    public List<Double> getSmoothing() {
        return smoothing;
    }

    /** @param smoothing activation-smoothing strengths to try with every INT8 plan (0 = none) */
    public void setSmoothing(List<Double> smoothing) {
        this.smoothing = smoothing;
    }

    /** @return allowed loss in points */
    public double getMaxDropPoints() {
        return maxDropPoints;
    }

    /** @param maxDropPoints allowed loss in points */
    public void setMaxDropPoints(double maxDropPoints) {
        this.maxDropPoints = maxDropPoints;
    }

    /** @return FASTEST or SMALLEST */
    public String getObjective() {
        return objective;
    }

    /** @param objective FASTEST or SMALLEST */
    public void setObjective(String objective) {
        this.objective = objective;
    }

    /** @return how much faster than the live release a new one must be to be published */
    public double getMinSpeedupOverLive() {
        return minSpeedupOverLive;
    }

    /** @param minSpeedupOverLive required speed-up over the live release */
    public void setMinSpeedupOverLive(double minSpeedupOverLive) {
        this.minSpeedupOverLive = minSpeedupOverLive;
    }

    /** @return the ops token: starts runs (and reads); empty: no run can be started over HTTP */
    public String getToken() {
        return token;
    }

    /** @param token the ops token */
    public void setToken(String token) {
        this.token = token;
    }

    /** @return the read token: reads run status; empty: only the ops token reads */
    public String getReadToken() {
        return readToken;
    }

    /** @param readToken the read token */
    public void setReadToken(String readToken) {
        this.readToken = readToken;
    }

    /** @return whether every candidate also gets a vocabulary pruned to what the data, the traffic and the corpus need */
    public boolean isPruneVocabulary() {
        return pruneVocabulary;
    }

    /** @param pruneVocabulary whether candidates get a pruned vocabulary */
    public void setPruneVocabulary(boolean pruneVocabulary) {
        this.pruneVocabulary = pruneVocabulary;
    }

    /** @return a pruned vocabulary also keeps every id below this */
    public int getVocabularyFloor() {
        return vocabularyFloor;
    }

    /** @param vocabularyFloor keep every id below this (0: none) */
    public void setVocabularyFloor(int vocabularyFloor) {
        this.vocabularyFloor = vocabularyFloor;
    }

    /** @return general-text files whose tokens a pruned vocabulary keeps too */
    public List<String> getVocabularyCorpus() {
        return vocabularyCorpus;
    }

    /** @param vocabularyCorpus general-text files (CLINC150, NLU++ folders, JSONL, CSV, one text per line) */
    public void setVocabularyCorpus(List<String> vocabularyCorpus) {
        this.vocabularyCorpus = vocabularyCorpus;
    }

    /**
     * @return the search these settings ask for: candidates, gate, objective, calibration sample and, when
     *     {@link #isPruneVocabulary()}, the vocabulary plan
     * @throws IllegalArgumentException for an unknown objective or a negative vocabulary floor
     */
    public SearchOptions searchOptions() {
        Optional<VocabularyPlan> vocabulary = pruneVocabulary ? Optional.of(new VocabularyPlan(vocabularyFloor,
                vocabularyCorpus.stream().map(Path::of).toList())) : Optional.empty();
        return new SearchOptions(List.copyOf(pruneRatios), List.copyOf(keepFp32), List.copyOf(smoothing),
                maxDropPoints, SearchOptions.Objective.valueOf(objective.toUpperCase(Locale.ROOT)), calibrationSample,
                SearchOptions.LATENCY_ROUNDS, SearchOptions.defaults().reduceRange(), vocabulary);
    }
}
