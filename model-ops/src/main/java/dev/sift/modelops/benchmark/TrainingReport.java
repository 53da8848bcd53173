package dev.sift.modelops.benchmark;

import dev.sift.modelops.evaluate.EvaluationReport;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown table of a {@link TrainingBenchmark} run: per variant, the median over rounds of the fit time and of
 * each quality figure, and the time ratio against the first (reference) variant.
 */
public final class TrainingReport {

    private TrainingReport() {
    }

    /**
     * @param dataset data set name
     * @param variants the variants, reference first
     * @param measurements every measurement of that data set
     * @param machine a line describing the machine and load
     * @return the Markdown section
     */
    public static String markdown(String dataset, List<TrainingBenchmark.Variant> variants,
            List<TrainingBenchmark.Measurement> measurements, String machine) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(dataset).append("\n\n").append(machine).append("\n\n");
        md.append("| variant | rounds | fit wall, median (s) | fit CPU, median (s) | faster than ")
                .append(variants.get(0).name()).append(" (wall / CPU) | accuracy | micro-F1@0.5 | out-of-scope recall "
                        + "at 95% kept | intent ECE | top-intent ECE | reputation accuracy | reputation ECE | "
                        + "intent head | chosen cost |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double referenceWall = Double.NaN;
        double referenceCpu = Double.NaN;
        for (TrainingBenchmark.Variant variant : variants) {
            List<TrainingBenchmark.Measurement> runs = measurements.stream()
                    .filter(m -> m.variant().equals(variant.name())).toList();
            if (runs.isEmpty()) {
                continue;
            }
            double wall = median(runs, TrainingBenchmark.Measurement::wallSeconds);
            double cpu = median(runs, TrainingBenchmark.Measurement::cpuSeconds);
            if (Double.isNaN(referenceWall)) {
                referenceWall = wall;
                referenceCpu = cpu;
            }
            EvaluationReport.IntentResults first = runs.get(0).report().intents();
            md.append("| ").append(variant.name())
                    .append(" | ").append(runs.size())
                    .append(" | ").append(fmt(wall, 1))
                    .append(" | ").append(fmt(cpu, 1))
                    .append(" | ").append(fmt(referenceWall / wall, 1)).append("x / ")
                    .append(fmt(referenceCpu / cpu, 1)).append('x')
                    .append(" | ").append(percent(median(runs, m -> intents(m, EvaluationReport.IntentResults::accuracy))))
                    .append(" | ").append(fmt(median(runs, m -> intents(m, EvaluationReport.IntentResults::microF1)), 3))
                    .append(" | ").append(percent(median(runs, m -> intents(m,
                            i -> i.irrelevantRecallAtThreshold() == null ? Double.NaN
                                    : i.irrelevantRecallAtThreshold()))))
                    .append(" | ").append(fmt(median(runs, m -> intents(m,
                            EvaluationReport.IntentResults::expectedCalibrationError)), 4))
                    .append(" | ").append(fmt(median(runs, m -> intents(m,
                            EvaluationReport.IntentResults::topIntentCalibrationError)), 4))
                    .append(" | ").append(percent(median(runs, m -> reputation(m,
                            EvaluationReport.ReputationResults::accuracy))))
                    .append(" | ").append(fmt(median(runs, m -> reputation(m,
                            EvaluationReport.ReputationResults::expectedCalibrationError)), 4))
                    .append(" | ").append(first == null ? "-" : activation(runs.get(0)))
                    .append(" | ").append(chosenCosts(runs.get(0)))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static double intents(TrainingBenchmark.Measurement m,
            ToDoubleFunction<EvaluationReport.IntentResults> figure) {
        return m.report().intents() == null ? Double.NaN : figure.applyAsDouble(m.report().intents());
    }

    private static double reputation(TrainingBenchmark.Measurement m,
            ToDoubleFunction<EvaluationReport.ReputationResults> figure) {
        return m.report().reputation() == null ? Double.NaN : figure.applyAsDouble(m.report().reputation());
    }

    private static String activation(TrainingBenchmark.Measurement m) {
        Object intents = m.report().training().get("intents");
        return intents instanceof java.util.Map<?, ?> map ? String.valueOf(map.get("activation")) : "-";
    }

    private static String chosenCosts(TrainingBenchmark.Measurement m) {
        StringBuilder out = new StringBuilder();
        for (String role : List.of("intents", "reputation")) {
            if (m.report().training().get(role) instanceof java.util.Map<?, ?> map) {
                out.append(out.isEmpty() ? "" : ", ").append(role).append(' ').append(map.get("chosenCost"));
            }
        }
        return out.toString();
    }

    private static double median(List<TrainingBenchmark.Measurement> runs,
            ToDoubleFunction<TrainingBenchmark.Measurement> figure) {
        double[] v = runs.stream().mapToDouble(figure).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : fmt(100 * share, 2);
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
