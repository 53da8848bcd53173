package dev.sift.modelops.learning;

import dev.sift.modelops.service.ModelOpsService;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sift.learning.*}: how the feedback data set is kept (bounds on untrusted labels, the held-out slice,
 * versions), how the heads are retrained, when a candidate counts as better than the live release, and what triggers
 * a run. Defaults are the named constants below; every key is documented in {@code application-model-ops.yml} and
 * docs/learning-loop.md.
 */
@ConfigurationProperties("sift.learning")
@Requires(env = ModelOpsService.ENVIRONMENT)
public class LearningConfig {

    /** Default examples an intent the model does not know yet needs (in the training part) to get its own output. */
    public static final int DEFAULT_MIN_EXAMPLES_PER_INTENT = 20;
    /** Default share of the newest labels (by label time) held out to judge candidates. */
    public static final double DEFAULT_HELD_OUT_SHARE = 0.2;
    /** Default fewest held-out examples a judgement needs. */
    public static final int DEFAULT_MIN_HELD_OUT = 50;
    /** Default data set versions kept in the store (the current one is always kept). */
    public static final int DEFAULT_KEEP_VERSIONS = 10;
    /** Default largest data set: beyond it the oldest labels are dropped. */
    public static final int DEFAULT_MAX_EXAMPLES = 200_000;
    /** Default largest number of requests, and of labels, waiting for their other half. */
    public static final int DEFAULT_MAX_PENDING = 10_000;
    /** Default longest time a request or a label waits for its other half. */
    public static final Duration DEFAULT_PENDING_TTL = Duration.ofDays(7);
    /** Default most intents one label may carry. */
    public static final int DEFAULT_MAX_INTENTS_PER_LABEL = 16;
    /** Default longest labeler name and brand of a label. */
    public static final int DEFAULT_MAX_LABEL_CHARS = 200;
    /** Default longest snippet text kept (longer texts are cut). */
    public static final int DEFAULT_MAX_TEXT_CHARS = 4000;
    /** Default how far in the future a label time may be before the label is refused. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Default longest time one read of the topics may take. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    /** Default intent threshold of the judgement: the fleet default policy's {@code defaultThreshold}. */
    public static final double DEFAULT_JUDGE_THRESHOLD = 0.8;
    /** Default least held-out micro-F1 gain over live, in points. */
    public static final double DEFAULT_MIN_GAIN_POINTS = 0.5;
    /** Default most held-out F1 any intent of the live release may lose, in points. */
    public static final double DEFAULT_MAX_INTENT_LOSS_POINTS = 5;
    /** Default fewest held-out examples of an intent for its own F1 to be judged. */
    public static final int DEFAULT_MIN_INTENT_SUPPORT = 5;
    /** Default least held-out F1 of a new intent. */
    public static final double DEFAULT_MIN_NEW_INTENT_F1 = 0.5;
    /** Default time between two looks at the topics for the triggers. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMinutes(1);
    /** Default new labels since the last run that start a run. */
    public static final int DEFAULT_MIN_NEW_LABELS = 500;
    /** Default teacher-model disagreement rate that starts a run. */
    public static final double DEFAULT_DRIFT_RATE = 0.3;
    /** Default teacher labels since the last run before the disagreement rate may start one. */
    public static final int DEFAULT_DRIFT_MIN_LABELS = 100;
    /** Default shortest time between two runs started by triggers. */
    public static final Duration DEFAULT_MIN_TRIGGER_GAP = Duration.ofMinutes(30);

    private boolean enabled = true;
    private int minExamplesPerIntent = DEFAULT_MIN_EXAMPLES_PER_INTENT;
    private double heldOutShare = DEFAULT_HELD_OUT_SHARE;
    private int minHeldOut = DEFAULT_MIN_HELD_OUT;
    private int keepVersions = DEFAULT_KEEP_VERSIONS;
    private int maxExamples = DEFAULT_MAX_EXAMPLES;
    private int maxPending = DEFAULT_MAX_PENDING;
    private Duration pendingTtl = DEFAULT_PENDING_TTL;
    private int maxIntentsPerLabel = DEFAULT_MAX_INTENTS_PER_LABEL;
    private int maxLabelChars = DEFAULT_MAX_LABEL_CHARS;
    private int maxTextChars = DEFAULT_MAX_TEXT_CHARS;
    private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private double judgeThreshold = DEFAULT_JUDGE_THRESHOLD;
    private double minGainPoints = DEFAULT_MIN_GAIN_POINTS;
    private double maxIntentLossPoints = DEFAULT_MAX_INTENT_LOSS_POINTS;
    private int minIntentSupport = DEFAULT_MIN_INTENT_SUPPORT;
    private double minNewIntentF1 = DEFAULT_MIN_NEW_INTENT_F1;
    private List<Double> costs = new ArrayList<>();
    private Duration checkInterval = DEFAULT_CHECK_INTERVAL;
    private int minNewLabels = DEFAULT_MIN_NEW_LABELS;
    private double driftRate = DEFAULT_DRIFT_RATE;
    private int driftMinLabels = DEFAULT_DRIFT_MIN_LABELS;
    private Duration minTriggerGap = DEFAULT_MIN_TRIGGER_GAP;

    /** @return whether {@code model-ops serve} keeps the feedback data set and retrains on it */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether {@code model-ops serve} keeps the feedback data set and retrains on it */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return training examples a new intent needs to get its own output */
    public int getMinExamplesPerIntent() {
        return minExamplesPerIntent;
    }

    /** @param minExamplesPerIntent training examples a new intent needs to get its own output */
    public void setMinExamplesPerIntent(int minExamplesPerIntent) {
        this.minExamplesPerIntent = minExamplesPerIntent;
    }

    /** @return share of the newest labels held out */
    public double getHeldOutShare() {
        return heldOutShare;
    }

    /** @param heldOutShare share of the newest labels held out, in (0, 1) */
    public void setHeldOutShare(double heldOutShare) {
        this.heldOutShare = heldOutShare;
    }

    /** @return fewest held-out examples a judgement needs */
    public int getMinHeldOut() {
        return minHeldOut;
    }

    /** @param minHeldOut fewest held-out examples a judgement needs */
    public void setMinHeldOut(int minHeldOut) {
        this.minHeldOut = minHeldOut;
    }

    /** @return data set versions kept */
    public int getKeepVersions() {
        return keepVersions;
    }

    /** @param keepVersions data set versions kept (at least 1) */
    public void setKeepVersions(int keepVersions) {
        this.keepVersions = keepVersions;
    }

    /** @return largest data set */
    public int getMaxExamples() {
        return maxExamples;
    }

    /** @param maxExamples largest data set */
    public void setMaxExamples(int maxExamples) {
        this.maxExamples = maxExamples;
    }

    /** @return most requests, and most labels, waiting for their other half */
    public int getMaxPending() {
        return maxPending;
    }

    /** @param maxPending most requests, and most labels, waiting for their other half */
    public void setMaxPending(int maxPending) {
        this.maxPending = maxPending;
    }

    /** @return longest wait for the other half */
    public Duration getPendingTtl() {
        return pendingTtl;
    }

    /** @param pendingTtl longest wait for the other half */
    public void setPendingTtl(Duration pendingTtl) {
        this.pendingTtl = pendingTtl;
    }

    /** @return most intents per label */
    public int getMaxIntentsPerLabel() {
        return maxIntentsPerLabel;
    }

    /** @param maxIntentsPerLabel most intents per label */
    public void setMaxIntentsPerLabel(int maxIntentsPerLabel) {
        this.maxIntentsPerLabel = maxIntentsPerLabel;
    }

    /** @return longest labeler name and brand */
    public int getMaxLabelChars() {
        return maxLabelChars;
    }

    /** @param maxLabelChars longest labeler name and brand */
    public void setMaxLabelChars(int maxLabelChars) {
        this.maxLabelChars = maxLabelChars;
    }

    /** @return longest snippet text kept */
    public int getMaxTextChars() {
        return maxTextChars;
    }

    /** @param maxTextChars longest snippet text kept */
    public void setMaxTextChars(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    /** @return how far in the future a label time may be */
    public Duration getMaxClockSkew() {
        return maxClockSkew;
    }

    /** @param maxClockSkew how far in the future a label time may be */
    public void setMaxClockSkew(Duration maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
    }

    /** @return longest time one read of the topics may take */
    public Duration getReadTimeout() {
        return readTimeout;
    }

    /** @param readTimeout longest time one read of the topics may take */
    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    /** @return the intent threshold the judgement applies */
    public double getJudgeThreshold() {
        return judgeThreshold;
    }

    /** @param judgeThreshold the intent threshold the judgement applies */
    public void setJudgeThreshold(double judgeThreshold) {
        this.judgeThreshold = judgeThreshold;
    }

    /** @return least micro-F1 gain over live, in points */
    public double getMinGainPoints() {
        return minGainPoints;
    }

    /** @param minGainPoints least micro-F1 gain over live, in points */
    public void setMinGainPoints(double minGainPoints) {
        this.minGainPoints = minGainPoints;
    }

    /** @return most F1 an intent of the live release may lose, in points */
    public double getMaxIntentLossPoints() {
        return maxIntentLossPoints;
    }

    /** @param maxIntentLossPoints most F1 an intent of the live release may lose, in points */
    public void setMaxIntentLossPoints(double maxIntentLossPoints) {
        this.maxIntentLossPoints = maxIntentLossPoints;
    }

    /** @return fewest held-out examples of an intent for its F1 to be judged */
    public int getMinIntentSupport() {
        return minIntentSupport;
    }

    /** @param minIntentSupport fewest held-out examples of an intent for its F1 to be judged */
    public void setMinIntentSupport(int minIntentSupport) {
        this.minIntentSupport = minIntentSupport;
    }

    /** @return least held-out F1 of a new intent */
    public double getMinNewIntentF1() {
        return minNewIntentF1;
    }

    /** @param minNewIntentF1 least held-out F1 of a new intent */
    public void setMinNewIntentF1(double minNewIntentF1) {
        this.minNewIntentF1 = minNewIntentF1;
    }

    /** @return regularization costs tried when retraining heads; empty for the trainer's default grid */
    public List<Double> getCosts() {
        return costs;
    }

    /** @param costs regularization costs tried when retraining heads; empty for the trainer's default grid */
    public void setCosts(List<Double> costs) {
        this.costs = costs;
    }

    /** @return time between two looks at the topics */
    public Duration getCheckInterval() {
        return checkInterval;
    }

    /** @param checkInterval time between two looks at the topics */
    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    /** @return new labels since the last run that start a run (0: never) */
    public int getMinNewLabels() {
        return minNewLabels;
    }

    /** @param minNewLabels new labels since the last run that start a run (0: never) */
    public void setMinNewLabels(int minNewLabels) {
        this.minNewLabels = minNewLabels;
    }

    /** @return disagreement rate that starts a run (above 1: never) */
    public double getDriftRate() {
        return driftRate;
    }

    /** @param driftRate disagreement rate that starts a run (above 1: never) */
    public void setDriftRate(double driftRate) {
        this.driftRate = driftRate;
    }

    /** @return teacher labels since the last run before the disagreement rate counts */
    public int getDriftMinLabels() {
        return driftMinLabels;
    }

    /** @param driftMinLabels teacher labels since the last run before the disagreement rate counts */
    public void setDriftMinLabels(int driftMinLabels) {
        this.driftMinLabels = driftMinLabels;
    }

    /**
     * @return shortest time between two runs started by triggers: whoever writes labels cannot keep model-ops
     *     retraining back to back
     */
    public Duration getMinTriggerGap() {
        return minTriggerGap;
    }

    /** @param minTriggerGap shortest time between two runs started by triggers */
    public void setMinTriggerGap(Duration minTriggerGap) {
        this.minTriggerGap = minTriggerGap;
    }

    /**
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public void validate() {
        require(minExamplesPerIntent >= 1, "min-examples-per-intent must be at least 1");
        require(heldOutShare > 0 && heldOutShare < 1, "held-out-share must be in (0, 1)");
        require(minHeldOut >= 1, "min-held-out must be at least 1");
        require(keepVersions >= 1, "keep-versions must be at least 1");
        require(maxExamples >= 1 && maxPending >= 1, "max-examples and max-pending must be at least 1");
        require(maxIntentsPerLabel >= 1 && maxLabelChars >= 1 && maxTextChars >= 1,
                "max-intents-per-label, max-label-chars and max-text-chars must be at least 1");
        require(positive(pendingTtl) && positive(readTimeout) && positive(checkInterval),
                "pending-ttl, read-timeout and check-interval must be positive");
        require(maxClockSkew != null && !maxClockSkew.isNegative() && minTriggerGap != null
                && !minTriggerGap.isNegative(), "max-clock-skew and min-trigger-gap must not be negative");
        require(judgeThreshold > 0 && judgeThreshold < 1, "judge-threshold must be in (0, 1)");
        require(maxIntentLossPoints >= 0 && minIntentSupport >= 1, "max-intent-loss-points must not be negative and"
                + " min-intent-support must be at least 1");
        require(minNewIntentF1 >= 0 && minNewIntentF1 <= 1, "min-new-intent-f1 must be in [0, 1]");
        require(costs.stream().allMatch(c -> c > 0), "costs must be positive");
        require(minNewLabels >= 0 && driftMinLabels >= 1, "min-new-labels must not be negative and drift-min-labels"
                + " must be at least 1");
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("sift.learning." + message);
        }
    }
}
