package dev.sift.demo;

import dev.sift.modelops.label.LabelingSummary;
import java.io.PrintStream;
import java.util.Map;

/** The before/after table of a demo run with the learning loop. */
final class LearningReport {

    private LearningReport() {
    }

    /**
     * @param out where to print
     * @param before the first wave, on the model the demo started with
     * @param after the second wave, on the release the loop shipped
     * @param labels what the teacher labeled in between
     */
    static void print(PrintStream out, RunSummary before, RunSummary after, LabelingSummary labels) {
        out.println();
        out.println("The learning loop");
        out.println("-----------------");
        out.println("teacher: " + StandInTeacher.NAME + ", a stand-in for the LLM (no LLM runs here);");
        out.printf("%,d labels of forwarded and audited snippets from the first wave%n", labels.labeled());
        out.printf("%-34s %14s %14s%n", "", "before", "after");
        out.printf("%-34s %13.1f%% %13.1f%%%n", "relevant turns forwarded", before.relevantForwardedPercent(),
                after.relevantForwardedPercent());
        out.printf("%-34s %13.1f%% %13.1f%%%n", "irrelevant turns forwarded", before.irrelevantForwardedPercent(),
                after.irrelevantForwardedPercent());
        out.printf("%-34s %13.1f%% %13.1f%%%n", "all snippets forwarded", before.forwardedPercent(),
                after.forwardedPercent());
        out.println("relevant turns forwarded, by what they were written for:");
        Map<String, double[]> was = before.relevantForwardedByTruth();
        after.relevantForwardedByTruth().forEach((truth, now) -> {
            double[] then = was.getOrDefault(truth, new double[] {Double.NaN, 0});
            out.printf("  %-32s %13.1f%% %13.1f%%   (%d, %d turns)%n", truth, then[0], now[0], (int) then[1],
                    (int) now[1]);
        });
        out.printf("%-34s %s%n", "model before", before.models());
        out.printf("%-34s %s%n", "model after", after.models());
    }
}
