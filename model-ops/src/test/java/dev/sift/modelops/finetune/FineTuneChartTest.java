package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report and chart a fine-tuning run leaves beside its graph. */
class FineTuneChartTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheReportAndALossAndValidationAccuracyChartBesideIt() throws Exception {
        // Given a run of 12 steps, evaluated every 4 and stopped after its best at step 4
        float[] losses = {0.9f, 0.8f, 0.7f, 0.65f, 0.6f, 0.55f, 0.5f, 0.45f, 0.42f, 0.4f, 0.38f, 0.37f};
        List<ValidationPoint> curve = List.of(new ValidationPoint(0, 0.9, 0.1), new ValidationPoint(4, 0.5, 0.7),
                new ValidationPoint(8, 0.6, 0.65), new ValidationPoint(12, 0.7, 0.6));
        FineTuneReport report = new FineTuneReport(12, 96, losses, 3.0, 1000, new float[0], 20, curve, 4, true, 0.5);

        // When its files are written
        FineTuneReportFiles.Written files = FineTuneReportFiles.write(report, "encoder on data", dir, "run");

        // Then the chart is a PNG of two panels, the loss and the validation accuracy
        BufferedImage chart = ImageIO.read(files.chart().toFile());
        assertThat(files.chart()).hasFileName("run.png").hasParent(dir);
        assertThat(chart.getWidth()).isEqualTo(2 * 620);
        assertThat(chart.getHeight()).isEqualTo(480);
        // And the report beside it says which step won, and holds the curve and every step's loss
        JsonNode json = new ObjectMapper().readTree(files.report().toFile());
        assertThat(files.report()).hasFileName("run.report.json").hasParent(dir);
        assertThat(json.get("bestStep").asInt()).isEqualTo(4);
        assertThat(json.get("stoppedEarly").asBoolean()).isTrue();
        assertThat(json.get("validation")).hasSize(4);
        assertThat(json.get("validation").get(1).get("accuracy").asDouble()).isEqualTo(0.7);
        assertThat(json.get("losses")).hasSize(12);
        assertThat(FineTuneReportFiles.existing(dir, "run")).contains(files);
    }

    @Test
    void shouldDrawTheLossAloneForARunWithoutValidation() throws Exception {
        FineTuneReport report = new FineTuneReport(3, 24, new float[] {0.9f, 0.8f, 0.7f}, 1.0, 1000);

        Path chart = FineTuneChart.write(report, "encoder on data", dir.resolve("plain.png"));

        assertThat(ImageIO.read(chart.toFile()).getWidth()).isEqualTo(620);
        assertThat(report.best()).isEmpty();
    }
}
