package dev.sift.benchmarks.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Writes a paired CPU comparison as {@code paired-cpu.md}, {@code paired-cpu.json} and a chart of every pair. */
public final class PairedCpuReport {

    private PairedCpuReport() {
    }

    /**
     * @param result the comparison
     * @param launch the gateways' code and JVM flags
     * @param folder where to write
     * @return the Markdown report
     * @throws IOException when the files cannot be written
     */
    public static String write(PairedCpuResult result, GatewayLaunch launch, Path folder) throws IOException {
        Files.createDirectories(folder);
        RunSetting setting = RunSetting.now(launch);
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve("paired-cpu.json").toFile(), setting.json("result", result));

        String base = result.baseline().name();
        String candidate = result.candidate().name();
        List<Double> ratios = result.ratios();
        StringBuilder md = new StringBuilder("# Gateway CPU per snippet, side by side\n\n").append(setting.markdown())
                .append("| pair | ").append(base).append(": ms CPU per snippet (snippets/s) | ").append(candidate)
                .append(": ms CPU per snippet (snippets/s) | ratio |\n|---|---|---|---|\n");
        for (int pair = 1; pair <= result.pairs(); pair++) {
            int p = pair;
            PairedCpuResult.Round b = result.rounds().stream()
                    .filter(r -> r.pair() == p && r.variant().equals(base)).findFirst().orElseThrow();
            PairedCpuResult.Round c = result.rounds().stream()
                    .filter(r -> r.pair() == p && r.variant().equals(candidate)).findFirst().orElseThrow();
            md.append(String.format(Locale.ROOT, "| %d | %.3f (%.0f) | %.3f (%.0f) | %.3f |%n", pair,
                    b.cpuMillisPerSnippet(), b.perSecond(), c.cpuMillisPerSnippet(), c.perSecond(),
                    ratios.get(pair - 1)));
        }
        md.append(String.format(Locale.ROOT, "| median | %.3f (%.0f) | %.3f (%.0f) | **%.3f** |%n%n",
                result.medianMillisPerSnippet(base), result.medianPerSecond(base),
                result.medianMillisPerSnippet(candidate), result.medianPerSecond(candidate), result.medianRatio()));
        md.append(String.format(Locale.ROOT, "`%s` costs %+.1f%% CPU per snippet against `%s` (median of %d pairs;"
                + " pairs range %+.1f%% to %+.1f%%). Each round counts the working gateway's CPU time, every thread,"
                + " from its backlog's first snippet sent to its last decision read; the rounds alternate between the"
                + " two gateways, which run at once on the same broker.%n%n", candidate,
                100 * (result.medianRatio() - 1), base, result.pairs(),
                100 * (ratios.stream().mapToDouble(Double::doubleValue).min().orElse(1) - 1),
                100 * (ratios.stream().mapToDouble(Double::doubleValue).max().orElse(1) - 1)));
        md.append("- `").append(base).append("`: ").append(result.baseline().description()).append('\n');
        md.append("- `").append(candidate).append("`: ").append(result.candidate().description()).append('\n');
        Files.writeString(folder.resolve("paired-cpu.md"), md.toString(), StandardCharsets.UTF_8);
        chart(result, folder.resolve("paired-cpu.png"));
        return md.toString();
    }

    private static void chart(PairedCpuResult result, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(480)
                .title("Gateway CPU per snippet, rounds alternating between the two gateways")
                .xAxisTitle("pair of rounds").yAxisTitle("ms of CPU per snippet").build();
        List<String> pairs = IntStream.rangeClosed(1, result.pairs()).mapToObj(String::valueOf).toList();
        for (PipelineVariant variant : List.of(result.baseline(), result.candidate())) {
            chart.addSeries(variant.name(), pairs, result.rounds().stream()
                    .filter(r -> r.variant().equals(variant.name()))
                    .sorted(java.util.Comparator.comparingInt(PairedCpuResult.Round::pair))
                    .map(PairedCpuResult.Round::cpuMillisPerSnippet).toList());
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
