package dev.sift.modelops.learning;

/**
 * What arrived since the last retraining run began: the figures the triggers read.
 *
 * @param newLabels labels that made or changed an example
 * @param teacherLabels of those, labels of the LLM teacher
 * @param disagreements of the teacher's, those that disagree with the model ({@link Disagreement})
 */
public record SinceLastRun(long newLabels, long teacherLabels, long disagreements) {

    /** Nothing yet. */
    public static final SinceLastRun NONE = new SinceLastRun(0, 0, 0);

    /** @return the teacher-model disagreement rate, 0 without teacher labels */
    public double disagreementRate() {
        return teacherLabels == 0 ? 0 : (double) disagreements / teacherLabels;
    }

    /**
     * @param teacher whether the label is the teacher's
     * @param disagrees whether it disagrees with the model
     * @return these figures with one more label
     */
    public SinceLastRun plus(boolean teacher, boolean disagrees) {
        return new SinceLastRun(newLabels + 1, teacherLabels + (teacher ? 1 : 0),
                disagreements + (teacher && disagrees ? 1 : 0));
    }
}
