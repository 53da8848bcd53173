package dev.sift.benchmarks.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sift.benchmarks.Machine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/** Turns the classifier benchmark's results into a Markdown table and a JSON file. */
public final class ClassifierReport {

    private ClassifierReport() {
    }

    /**
     * One row: a variant at an input length and thread count.
     *
     * @param model variant
     * @param input short or tweet
     * @param threads ONNX Runtime threads
     * @param p50Millis median latency of one snippet
     * @param p99Millis 99th percentile latency of one snippet
     * @param snippetsPerSecond throughput at batch 32
     */
    public record Row(String model, String input, int threads, double p50Millis, double p99Millis,
            double snippetsPerSecond) {
    }

    /**
     * @param results JMH results
     * @param folder where to write {@code classifier.md} and {@code classifier.json}
     * @return the rows
     * @throws IOException when the files cannot be written
     */
    public static List<Row> write(Collection<RunResult> results, Path folder) throws IOException {
        Map<String, double[]> cells = new LinkedHashMap<>();
        for (RunResult r : results) {
            var params = r.getParams();
            String key = params.getParam("model") + "|" + params.getParam("input") + "|" + params.getParam("threads");
            double[] cell = cells.computeIfAbsent(key, k -> new double[3]);
            Statistics stats = r.getPrimaryResult().getStatistics();
            if (params.getBenchmark().endsWith("latencyBatch1")) {
                cell[0] = stats.getPercentile(50);
                cell[1] = stats.getPercentile(99);
            } else {
                cell[2] = r.getPrimaryResult().getScore();
            }
        }
        List<Row> rows = new ArrayList<>();
        cells.forEach((key, v) -> {
            String[] k = key.split("\\|");
            rows.add(new Row(k[0], k[1], Integer.parseInt(k[2]), v[0], v[1], v[2]));
        });
        rows.sort(Comparator.comparing(Row::input).thenComparing(Row::threads).thenComparing(Row::model));
        Files.createDirectories(folder);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", LocalDate.now().toString());
        json.put("machine", Machine.describe());
        json.put("rows", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve("classifier.json").toFile(), json);
        StringBuilder md = new StringBuilder("# Classifier benchmark\n\n")
                .append("Machine: ").append(Machine.describe()).append("\n\n")
                .append("| input | threads | model | p50 batch 1 (ms) | p99 batch 1 (ms) | batch 32 (snippets/s) | vs fp32 |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            String reference = rows.stream().anyMatch(o -> o.model().equals("fp32")) ? "fp32" : rows.get(0).model();
            double base = rows.stream().filter(o -> o.model().equals(reference) && o.input().equals(row.input())
                    && o.threads() == row.threads()).mapToDouble(Row::snippetsPerSecond).findFirst().orElse(Double.NaN);
            md.append(String.format(java.util.Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %.0f | %.2fx |%n",
                    row.input(), row.threads(), row.model(), row.p50Millis(), row.p99Millis(),
                    row.snippetsPerSecond(), row.snippetsPerSecond() / base));
        }
        Files.writeString(folder.resolve("classifier.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
        return rows;
    }
}
