package dev.sift.benchmarks.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Writes the pipeline benchmark as {@code pipeline.md}, {@code pipeline.json} and a throughput chart. */
public final class PipelineReport {

    private PipelineReport() {
    }

    /**
     * @param results every variant's figures, the baseline first
     * @param launch the gateway's code and JVM flags
     * @param folder where to write
     * @return the Markdown table
     * @throws IOException when the files cannot be written
     */
    public static String write(List<PipelineResult> results, GatewayLaunch launch, Path folder)
            throws IOException {
        Files.createDirectories(folder);
        RunSetting setting = RunSetting.now(launch);
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve("pipeline.json").toFile(), setting.json("results", results));

        double baseline = results.get(0).saturationPerSecond();
        StringBuilder md = new StringBuilder("# Pipeline benchmark\n\n").append(setting.markdown())
                .append("| variant | batch | stream threads x ORT threads | end to end (snippets/s) | vs ")
                .append(results.get(0).variant().name()).append(" | classifier alone (snippets/s) | ")
                .append("end to end / classifier |");
        List<Integer> loads = List.copyOf(results.get(0).latencyAtLoad().keySet());
        for (int load : loads) {
            md.append(" p50/p95/p99 at ").append(load).append("% (ms) |");
        }
        md.append(" peak RSS (MB) | model load (ms) |\n|---|---|---|---|---|---|---|");
        md.append("---|".repeat(loads.size())).append("---|---|\n");
        for (PipelineResult r : results) {
            PipelineVariant v = r.variant();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d x %d | %.0f | %.2fx | %.0f | %.0f%% |", v.name(),
                    v.batchSize(), v.streamThreads(), v.intraOpThreads(), r.saturationPerSecond(),
                    r.saturationPerSecond() / baseline, r.classifierOnlyPerSecond(), 100 * r.pipelineEfficiency()));
            for (int load : loads) {
                PipelineResult.Percentiles p = r.latencyAtLoad().get(load);
                md.append(String.format(Locale.ROOT, " %d / %d / %d |", p.p50(), p.p95(), p.p99()));
            }
            md.append(String.format(Locale.ROOT, " %.0f | %d |%n", r.peakRssMb(), r.modelLoadMillis()));
        }
        md.append("\nEnd to end and classifier alone are medians of ").append(results.get(0).rounds().size())
                .append(" rounds that alternate the two; end to end / classifier is the median of each round's"
                        + " ratio.\n");
        if (results.stream().allMatch(r -> r.cpuAtSaturation() != null)) {
            md.append("\nWhere the CPU went at saturation (shares of all cores, medians of the rounds):\n\n")
                    .append("| variant | gateway | broker | load driver and decision reader | other processes |")
                    .append(" stolen by the host | idle |\n|---|---|---|---|---|---|---|\n");
            for (PipelineResult r : results) {
                CpuShares c = r.cpuAtSaturation();
                md.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% |%n",
                        r.variant().name(), 100 * c.gateway(), 100 * c.broker(), 100 * c.benchmark(),
                        100 * c.other(), 100 * c.stolen(), 100 * c.idle()));
            }
        }
        md.append("\nVariants:\n\n");
        for (PipelineResult r : results) {
            md.append("- `").append(r.variant().name()).append("`: ").append(r.variant().description()).append('\n');
        }
        Files.writeString(folder.resolve("pipeline.md"), md.toString(), StandardCharsets.UTF_8);
        chart(results, folder.resolve("pipeline.png"));
        return md.toString();
    }

    private static void chart(List<PipelineResult> results, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(480)
                .title("Gateway throughput on " + Runtime.getRuntime().availableProcessors() + " cores")
                .xAxisTitle("variant").yAxisTitle("snippets per second").build();
        List<String> names = results.stream().map(r -> r.variant().name()).toList();
        chart.addSeries("end to end (Kafka, exactly-once)", names,
                results.stream().map(PipelineResult::saturationPerSecond).toList());
        chart.addSeries("classifier alone", names,
                results.stream().map(PipelineResult::classifierOnlyPerSecond).toList());
        chart.getStyler().setXAxisLabelRotation(20);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
