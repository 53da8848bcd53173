package dev.sift.modelops.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a fine-tuning run's report as JSON ({@link FineTuneReport}: every step's loss, every evaluation, the step
 * kept) and its chart as a PNG beside it ({@link FineTuneChart}).
 */
public final class FineTuneReportFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FineTuneReportFiles() {
    }

    /**
     * Where a run's report and chart are.
     *
     * @param report the JSON report
     * @param chart the PNG chart
     */
    public record Written(Path report, Path chart) {
    }

    /**
     * @param report the run
     * @param title what was fine-tuned, for the chart
     * @param directory where both files go
     * @param stem their name without extension
     * @return the files written
     */
    public static Written write(FineTuneReport report, String title, Path directory, String stem) {
        Path json = directory.resolve(stem + ".report.json");
        try {
            Files.createDirectories(directory);
            JSON.writeValue(json.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fine-tuning report " + json, e);
        }
        return new Written(json, FineTuneChart.write(report, title, directory.resolve(stem + ".png")));
    }

    /**
     * @param directory where a run's files were written
     * @param stem their name without extension
     * @return them, when an earlier run wrote both
     */
    public static java.util.Optional<Written> existing(Path directory, String stem) {
        Path json = directory.resolve(stem + ".report.json");
        Path chart = directory.resolve(stem + ".png");
        return Files.exists(json) && Files.exists(chart) ? java.util.Optional.of(new Written(json, chart))
                : java.util.Optional.empty();
    }
}
