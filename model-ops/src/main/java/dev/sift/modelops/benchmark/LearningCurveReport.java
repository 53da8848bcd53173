package dev.sift.modelops.benchmark;

import dev.sift.modelops.evaluate.Charts;
import dev.sift.modelops.evaluate.EvaluationReport;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The table and the chart of a {@link LearningCurve}: test figures against the labels per intent trained on. */
public final class LearningCurveReport {

    private LearningCurveReport() {
    }

    /**
     * @param dataset data set name
     * @param points the curve, fewest labels first
     * @param notes a line on how it was run
     * @return the Markdown section
     */
    public static String markdown(String dataset, List<LearningCurve.Point> points, String notes) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(dataset).append(": learning curve\n\n").append(notes).append("\n\n");
        md.append("| labels per intent | training examples | accuracy | micro-F1@0.5 | out-of-scope recall at 95% kept "
                + "| threshold | relevant kept | top-intent ECE | intent cost | fit wall (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (LearningCurve.Point p : points) {
            EvaluationReport.IntentResults i = p.report().intents();
            md.append("| ").append(p.all() ? "all (" + p.labelsPerIntent() + ")" : Integer.toString(p.labelsPerIntent()))
                    .append(" | ").append(p.trainExamples())
                    .append(" | ").append(percent(i == null ? Double.NaN : i.accuracy()))
                    .append(" | ").append(fmt(i == null ? Double.NaN : i.microF1(), 3))
                    .append(" | ").append(percent(orNaN(i == null ? null : i.irrelevantRecallAtThreshold())))
                    .append(" | ").append(fmt(orNaN(i == null ? null : i.relevanceThreshold()), 3))
                    .append(" | ").append(percent(orNaN(i == null ? null : i.relevantKeptAtThreshold())))
                    .append(" | ").append(fmt(i == null ? Double.NaN : i.topIntentCalibrationError(), 4))
                    .append(" | ").append(fmt(p.intentCost(), 1))
                    .append(" | ").append(fmt(p.fitSeconds(), 1))
                    .append(" |\n");
        }
        return md.toString();
    }

    /**
     * Accuracy and out-of-scope recall (in percent) against the labels per intent, on a logarithmic axis.
     *
     * @param dataset data set name
     * @param points the curve
     * @param file the PNG to write
     * @return the file
     */
    public static Path chart(String dataset, List<LearningCurve.Point> points, Path file) {
        XYChart chart = new XYChartBuilder().width(720).height(480)
                .title(dataset + ": test figures as teacher labels arrive")
                .xAxisTitle("labels per intent (log scale)").yAxisTitle("percent").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(7);
        double[] x = points.stream().mapToDouble(LearningCurve.Point::labelsPerIntent).toArray();
        chart.addSeries("in-scope accuracy", x, series(points, EvaluationReport.IntentResults::accuracy));
        if (points.stream().allMatch(p -> p.report().intents() != null
                && p.report().intents().irrelevantRecallAtThreshold() != null)) {
            chart.addSeries("out-of-scope recall at 95% of in-scope kept", x,
                    series(points, i -> i.irrelevantRecallAtThreshold()));
        }
        return Charts.save(List.of(chart), file);
    }

    private static double[] series(List<LearningCurve.Point> points,
            ToDoubleFunction<EvaluationReport.IntentResults> figure) {
        return points.stream().mapToDouble(p -> p.report().intents() == null ? Double.NaN
                : 100 * figure.applyAsDouble(p.report().intents())).toArray();
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : fmt(100 * v, 2);
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
