package dev.sift.modelops.evaluate;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of evaluations, drawn with XChart (headless). */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * The relevance curve (relevant kept vs irrelevant forwarded) and the reliability diagram of one report.
     *
     * @param report an evaluation
     * @param file the PNG to write
     * @return the file, or null when the report has nothing to draw
     */
    public static Path evaluation(EvaluationReport report, Path file) {
        XYChart chart = new XYChartBuilder().width(900).height(520)
                .title(report.dataset() + " — " + report.modelVersion())
                .xAxisTitle("irrelevant forwarded (share) / predicted probability")
                .yAxisTitle("relevant kept (share) / observed frequency").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setMarkerSize(5);
        boolean drawn = false;
        if (report.intents() != null && !report.intents().relevanceCurve().isEmpty()) {
            List<EvaluationReport.CurvePoint> curve = report.intents().relevanceCurve();
            XYSeries s = chart.addSeries("relevance curve (thresholds 0..1)",
                    curve.stream().mapToDouble(EvaluationReport.CurvePoint::irrelevantForwarded).toArray(),
                    curve.stream().mapToDouble(EvaluationReport.CurvePoint::relevantKept).toArray());
            s.setMarker(SeriesMarkers.NONE);
            drawn = true;
        }
        List<Metrics.ReliabilityBin> bins = report.intents() != null ? report.intents().reliability()
                : report.reputation() != null ? report.reputation().reliability() : List.of();
        List<Metrics.ReliabilityBin> filled = bins.stream().filter(b -> b.count() > 0).toList();
        if (!filled.isEmpty()) {
            chart.addSeries((report.intents() != null ? "intent" : "reputation") + " reliability",
                    filled.stream().mapToDouble(Metrics.ReliabilityBin::meanConfidence).toArray(),
                    filled.stream().mapToDouble(Metrics.ReliabilityBin::accuracy).toArray());
            XYSeries diagonal = chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
            diagonal.setMarker(SeriesMarkers.NONE).setLineColor(Color.LIGHT_GRAY);
            drawn = true;
        }
        return drawn ? save(chart, file) : null;
    }

    /**
     * Saves a chart as PNG.
     *
     * @param chart the chart
     * @param file destination, ending in {@code .png}
     * @return the file
     */
    public static Path save(XYChart chart, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String base = file.toString().replaceAll("\\.png$", "");
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
            return Path.of(base + ".png");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }
}
