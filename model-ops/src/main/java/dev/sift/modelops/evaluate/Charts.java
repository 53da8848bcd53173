package dev.sift.modelops.evaluate;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts, drawn with XChart (headless) and laid out side by side when there are several panels. */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 620;
    private static final int HEIGHT = 480;

    private Charts() {
    }

    /**
     * The relevance curve (relevant kept vs irrelevant forwarded over thresholds) and the reliability diagram of
     * one evaluation, as two panels.
     *
     * @param report an evaluation
     * @param file the PNG to write
     * @return the file, or null when the report has nothing to draw
     */
    public static Path evaluation(EvaluationReport report, Path file) {
        List<XYChart> panels = new ArrayList<>();
        if (report.intents() != null && !report.intents().relevanceCurve().isEmpty()) {
            List<EvaluationReport.CurvePoint> curve = report.intents().relevanceCurve();
            XYChart chart = unitChart(report.dataset() + ": relevance filter",
                    "irrelevant snippets forwarded (share)", "relevant snippets kept (share)");
            chart.addSeries("thresholds 0 to 1",
                    curve.stream().mapToDouble(EvaluationReport.CurvePoint::irrelevantForwarded).toArray(),
                    curve.stream().mapToDouble(EvaluationReport.CurvePoint::relevantKept).toArray())
                    .setMarker(SeriesMarkers.NONE);
            panels.add(chart);
        }
        addReliability(panels, report.dataset() + ": intent calibration",
                report.intents() == null ? List.of() : report.intents().reliability());
        addReliability(panels, report.dataset() + ": reputation calibration",
                report.reputation() == null ? List.of() : report.reputation().reliability());
        return panels.isEmpty() ? null : save(panels, file);
    }

    private static void addReliability(List<XYChart> panels, String title, List<Metrics.ReliabilityBin> bins) {
        List<Metrics.ReliabilityBin> filled = bins.stream().filter(b -> b.count() > 0).toList();
        if (filled.isEmpty()) {
            return;
        }
        XYChart chart = unitChart(title, "predicted probability", "observed frequency");
        chart.addSeries("model", filled.stream().mapToDouble(Metrics.ReliabilityBin::meanConfidence).toArray(),
                filled.stream().mapToDouble(Metrics.ReliabilityBin::accuracy).toArray());
        XYSeries diagonal = chart.addSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        panels.add(chart);
    }

    /**
     * A chart with both axes on [0, 1].
     *
     * @param title title
     * @param x x-axis title
     * @param y y-axis title
     * @return the chart
     */
    public static XYChart unitChart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    /**
     * Saves charts side by side as one PNG.
     *
     * @param charts panels, left to right
     * @param file destination
     * @return the file
     */
    public static Path save(List<XYChart> charts, Path file) {
        List<BufferedImage> images = charts.stream().map(BitmapEncoder::getBufferedImage).toList();
        int width = images.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x = 0;
        for (BufferedImage image : images) {
            g.drawImage(image, x, 0, null);
            x += image.getWidth();
        }
        g.dispose();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(out, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }
}
