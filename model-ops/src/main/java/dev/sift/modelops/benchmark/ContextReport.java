package dev.sift.modelops.benchmark;

import java.util.List;
import java.util.Locale;

/** The Markdown table of a {@link ContextBenchmark} run: one row per design, the turn alone first. */
public final class ContextReport {

    private ContextReport() {
    }

    /**
     * @param dataset data set name
     * @param results the designs' results, reference first
     * @param notes a line on the sample and the command
     * @return the Markdown section
     */
    public static String markdown(String dataset, List<ContextBenchmark.Result> results, String notes) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(dataset).append(": active intent with conversation context\n\n").append(notes)
                .append("\n\n");
        md.append("| design | features | train turns | test turns | accuracy | vs turn alone | chosen cost | "
                + "fit (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        double reference = results.isEmpty() ? Double.NaN : results.get(0).accuracy();
        for (ContextBenchmark.Result r : results) {
            md.append("| ").append(r.design().description())
                    .append(" | ").append(r.width())
                    .append(" | ").append(r.trainTurns())
                    .append(" | ").append(r.testTurns())
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f%%", 100 * r.accuracy()))
                    .append(" | ").append(String.format(Locale.ROOT, "%+.1f pt", 100 * (r.accuracy() - reference)))
                    .append(" | ").append(String.format(Locale.ROOT, "%g", r.cost()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", r.fitSeconds()))
                    .append(" |\n");
        }
        return md.toString();
    }
}
