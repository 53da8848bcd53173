package dev.sift.modelops.optimize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sift.modelops.evaluate.Charts;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What the search found: every candidate with its figures, the chosen one (or why none), and the sensitivity ranking.
 *
 * @param metric name of the main metric
 * @param options the search's options
 * @param candidates every candidate, the FP32 reference first
 * @param chosen the fastest (or smallest) candidate within the gate, or null
 * @param nothingChosenBecause why nothing was chosen, or null
 * @param sensitivity weight MatMuls, most harmful to quantize first
 */
public record SearchReport(String metric, SearchOptions options, List<Candidate> candidates, Candidate chosen,
        String nothingChosenBecause, List<QuantizationSensitivity.Sensitivity> sensitivity) {

    /**
     * The figures a release of a candidate records (its {@code metrics}): its main metric and drop against FP32,
     * speed-up, latency and size, absolute and as a share of the FP32 reference, pruning and FP32 MatMuls.
     *
     * @param candidate a candidate of this search
     * @return its figures, by name
     */
    public Map<String, Double> figuresOf(Candidate candidate) {
        Candidate reference = candidates.stream().filter(c -> c.id().equals("fp32")).findFirst().orElseThrow();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("metric", candidate.metric());
        figures.put("drop", candidate.drop());
        figures.put("speedup", candidate.speedup());
        figures.put("latencyMillis", candidate.latencyMillis());
        figures.put("sizeBytes", (double) candidate.sizeBytes());
        figures.put("sizeShare", (double) candidate.sizeBytes() / reference.sizeBytes());
        figures.put("pruneRatio", candidate.pruneRatio());
        figures.put("keptFp32", (double) candidate.keptFp32());
        return figures;
    }

    /**
     * Prints the table.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        Candidate ref = candidates.stream().filter(c -> c.id().equals("fp32")).findFirst().orElseThrow();
        out.printf(Locale.ROOT, "%n%-22s %10s %7s %12s %8s %10s %8s  %s%n", "candidate", "size (MB)", "size %",
                "latency (ms)", "speedup", metric.length() > 10 ? "metric" : metric, "drop", "gate");
        for (Candidate c : candidates) {
            out.printf(Locale.ROOT, "%-22s %10.1f %6.1f%% %12.2f %7.2fx %9.2f%% %+7.2f  %s%s%n", c.id(),
                    c.sizeBytes() / 1e6, 100.0 * c.sizeBytes() / ref.sizeBytes(), c.latencyMillis(), c.speedup(),
                    100 * c.metric(), c.drop(), c.reference() ? (c.id().equals("fp32") ? "reference" : "comparison") : c.passed() ? "pass" : "FAIL",
                    c == chosen ? "  <- chosen" : "");
        }
        out.printf(Locale.ROOT, "gate: at most %.2f points below FP32 on %s; objective: %s%n",
                options.maxDropPoints(), metric, options.objective().name().toLowerCase(Locale.ROOT));
        if (chosen == null) {
            out.println("nothing chosen: " + nothingChosenBecause);
        } else {
            out.printf(Locale.ROOT, "chosen: %s (%s), %.2fx faster, %.1f%% of the FP32 size, %+.2f points%n",
                    chosen.id(), chosen.version(), chosen.speedup(), 100.0 * chosen.sizeBytes() / ref.sizeBytes(),
                    -chosen.drop());
        }
    }

    /**
     * Writes {@code search.json} and {@code search.png} (accuracy against latency and against size).
     *
     * @param folder destination
     * @return the chart
     */
    public Path write(Path folder) {
        try {
            Files.createDirectories(folder);
            new ObjectMapper().registerModule(new Jdk8Module()).enable(SerializationFeature.INDENT_OUTPUT).writeValue(
                    folder.resolve("search.json").toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the search report", e);
        }
        return Charts.save(List.of(pareto("latency of one 32-token snippet (ms)", true),
                pareto("bundle size (MB)", false)), folder.resolve("search.png"));
    }

    private XYChart pareto(String xTitle, boolean latency) {
        XYChart chart = new XYChartBuilder().width(620).height(480).title(metric + " vs " + (latency ? "latency" : "size"))
                .xAxisTitle(xTitle).yAxisTitle(metric + " (%)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(9);
        addSeries(chart, "FP32 reference", candidates.stream().filter(c -> c.id().equals("fp32")).toList(), latency,
                Color.DARK_GRAY);
        addSeries(chart, "comparison", candidates.stream().filter(c -> c.reference() && !c.id().equals("fp32"))
                .toList(), latency, new Color(0xEF6C00));
        addSeries(chart, "within the gate", candidates.stream().filter(c -> c.passed() && c != chosen).toList(),
                latency, new Color(0x2E7D32));
        addSeries(chart, "outside the gate", candidates.stream().filter(c -> !c.passed() && !c.reference()).toList(),
                latency, new Color(0xC62828));
        if (chosen != null) {
            addSeries(chart, "chosen", List.of(chosen), latency, new Color(0x1565C0));
        }
        return chart;
    }

    private static void addSeries(XYChart chart, String name, List<Candidate> points, boolean latency, Color color) {
        if (points.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name,
                points.stream().mapToDouble(c -> latency ? c.latencyMillis() : c.sizeBytes() / 1e6).toArray(),
                points.stream().mapToDouble(c -> 100 * c.metric()).toArray());
        s.setMarkerColor(color).setMarker(SeriesMarkers.CIRCLE);
    }
}
