package dev.sift.modelops.finetune;

import dev.sift.modelops.evaluate.Charts;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a fine-tuning run, as a PNG ({@link Charts}): the training loss at every step with the validation loss
 * at each evaluation, and beside it the validation accuracy with the step whose weights the run kept.
 */
public final class FineTuneChart {

    private static final int WIDTH = 620;
    private static final int HEIGHT = 480;

    private FineTuneChart() {
    }

    /**
     * @param report the run
     * @param title what was fine-tuned, for the panels' titles
     * @param file the PNG to write
     * @return the file
     */
    public static Path write(FineTuneReport report, String title, Path file) {
        List<XYChart> panels = new ArrayList<>();
        panels.add(losses(report, title));
        if (!report.validation().isEmpty()) {
            panels.add(accuracy(report, title));
        }
        return Charts.save(panels, file);
    }

    private static XYChart losses(FineTuneReport report, String title) {
        XYChart chart = chart(title + ": loss", "loss");
        float[] losses = report.losses();
        if (losses.length > 0) {
            double[] x = new double[losses.length];
            double[] y = new double[losses.length];
            for (int i = 0; i < losses.length; i++) {
                // The loss of step i+1's batch is measured on the weights after i steps, as an evaluation at step i.
                x[i] = i;
                y[i] = losses[i];
            }
            chart.addSeries("training (each step's batch)", x, y).setMarker(SeriesMarkers.NONE);
        }
        if (!report.validation().isEmpty()) {
            chart.addSeries("validation", steps(report), report.validation().stream()
                    .mapToDouble(ValidationPoint::loss).toArray());
        }
        return chart;
    }

    private static XYChart accuracy(FineTuneReport report, String title) {
        XYChart chart = chart(title + ": validation accuracy", "exact-match accuracy");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.addSeries("validation", steps(report), report.validation().stream()
                .mapToDouble(ValidationPoint::accuracy).toArray());
        XYSeries kept = chart.addSeries("weights kept (step " + report.bestStep() + ")",
                new double[] {report.bestStep(), report.bestStep()}, new double[] {0, 1});
        kept.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        return chart;
    }

    private static double[] steps(FineTuneReport report) {
        return report.validation().stream().mapToDouble(ValidationPoint::step).toArray();
    }

    private static XYChart chart(String title, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("step")
                .yAxisTitle(y).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }
}
