package dev.sift.benchmarks;

import dev.sift.benchmarks.pipeline.GatewayLaunch;
import dev.sift.benchmarks.pipeline.PairedCpuBenchmark;
import dev.sift.benchmarks.pipeline.PairedCpuReport;
import dev.sift.benchmarks.pipeline.PairedCpuResult;
import dev.sift.benchmarks.pipeline.PipelineBenchmark;
import dev.sift.benchmarks.pipeline.PipelineReport;
import dev.sift.benchmarks.pipeline.PipelineResult;
import dev.sift.benchmarks.pipeline.PipelineVariant;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.ConsoleProgress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.DatasetReaders;
import dev.sift.modelops.dataset.LabeledSnippet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code benchmarks pipeline}: every gateway variant end to end on a real local broker, side by side. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Gateway JVMs on a real local broker, one variant after another: saturation throughput, latency"
                + " at 25/50/75%% of it, RSS, model load time, and the classifier alone with the same threads.")
final class PipelineCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "benchmark-results", description = "Results folder.")
    Path out;

    @Option(names = "--data", description = "Tweets CSV (airline-sentiment Tweets.csv) for realistic snippet texts;"
            + " default: the starter set shipped with model-ops.")
    Path data;

    @Option(names = "--chosen", description = "The model-ops chosen candidate's bundle directory.")
    Path chosen;

    @Option(names = "--model", description = "Another encoder's bundle, run batched: name=bundle-dir (repeatable),"
            + " e.g. bge-small heads.")
    Map<String, Path> models = new LinkedHashMap<>();

    @Option(names = "--batch", defaultValue = "16", description = "Batch size of the batched variants (default 16).")
    int batch;

    @Option(names = "--phase-seconds", defaultValue = "20", description = "Seconds per load level (default 20).")
    int phaseSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "20", description = "Seconds each gateway runs at saturation"
            + " before it is measured, so the JIT has settled (default 20).")
    int warmupSeconds;

    @Option(names = "--gateway-jvm", split = " ", description = "The gateway JVM's flags, space-separated (default:"
            + " the recommended ones, see docs/performance.md).")
    List<String> gatewayJvm;

    @Option(names = "--gateway-jar", description = "The deployable gateway jar, next to its lib/ folder (default:"
            + " streams-app/target/sift-gateway.jar from the repository root, else this tool's classpath).")
    Path gatewayJar;

    @Option(names = "--only", split = ",", description = "Run only these variants (default: all).")
    List<String> only;

    @Option(names = "--gateway-property", description = "Extra gateway configuration for every variant: key=value"
            + " (repeatable), e.g. kafka.streams.default.commit.interval.ms=200.")
    Map<String, String> gatewayProperties = new LinkedHashMap<>();

    @Option(names = "--paired", description = "Instead of the full benchmark, compare the CPU per snippet of two"
            + " variants (--only baseline,candidate) side by side in this many pairs of alternating saturation rounds,"
            + " both gateways running at once.")
    Integer pairedRounds;

    @Override
    public Integer call() throws Exception {
        List<PipelineVariant> variants = variants();
        if (pairedRounds != null) {
            return paired(variants);
        }
        List<String> texts = texts();
        System.out.printf("%d variants, %d distinct snippet texts%n", variants.size(), texts.size());
        Path work = Files.createTempDirectory("sift-pipeline-bench");
        List<PipelineResult> results = new ArrayList<>();
        GatewayLaunch launch = GatewayLaunch.of(gatewayJar, gatewayJvm);
        System.out.println("gateway: " + launch.describeCode());
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            PipelineBenchmark benchmark = new PipelineBenchmark(broker, texts, work, Duration.ofSeconds(phaseSeconds),
                    Duration.ofSeconds(warmupSeconds), gatewayProperties, launch, 25, 50, 75);
            for (PipelineVariant variant : variants) {
                results.add(benchmark.run(variant));
                System.out.println(PipelineReport.write(results, launch, out));
            }
        }
        return 0;
    }

    private int paired(List<PipelineVariant> variants) throws Exception {
        if (only == null || only.size() != 2 || variants.size() != 2) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--paired compares two variants: give them as --only baseline,candidate");
        }
        // In the order given: the first is the baseline.
        PipelineVariant baseline = variants.stream().filter(v -> v.name().equals(only.get(0))).findFirst().orElseThrow();
        PipelineVariant candidate = variants.stream().filter(v -> v.name().equals(only.get(1))).findFirst()
                .orElseThrow();
        List<String> texts = texts();
        Path work = Files.createTempDirectory("sift-pipeline-bench");
        GatewayLaunch launch = GatewayLaunch.of(gatewayJar, gatewayJvm);
        System.out.println("gateway: " + launch.describeCode());
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            PairedCpuResult result = new PairedCpuBenchmark(broker, texts, work, Duration.ofSeconds(warmupSeconds),
                    gatewayProperties, launch).run(baseline, candidate, pairedRounds);
            System.out.println(PairedCpuReport.write(result, launch, out));
        }
        return 0;
    }

    private List<PipelineVariant> variants() {
        Path fp32 = BenchmarkModels.bundle(BenchmarkModels.FP32, new ConsoleProgress()).directory();
        Path int8 = BenchmarkModels.bundle(BenchmarkModels.INT8, new ConsoleProgress()).directory();
        Path reference = BenchmarkModels.bundle(BenchmarkModels.INT8_ORT_REFERENCE, new ConsoleProgress())
                .directory();
        Path int8Context = BenchmarkModels.bundle(BenchmarkModels.INT8_CONTEXT, new ConsoleProgress()).directory();
        List<PipelineVariant> all = new ArrayList<>();
        all.add(new PipelineVariant("fp32-per-record", fp32, 1, 1, 2, "the baseline a user would write: FP32 model"
                + " called per record (mapValues), Kafka Streams' default 1 stream thread, ONNX Runtime on both cores"));
        all.add(new PipelineVariant("int8-per-record", int8, 1, 2, 1, "model-ops INT8, per record, Sift's thread plan"
                + " (2 stream threads x 1 ONNX Runtime thread)"));
        all.add(new PipelineVariant("int8-batched", int8, batch, 2, 1, "model-ops INT8, micro-batches of " + batch
                + ", Sift's thread plan"));
        all.add(new PipelineVariant("int8-context-batched", int8Context, batch, 2, 1, "the default context-aware"
                + " bundle in INT8 (same encoder and recipe as int8-batched; the intent head also reads the thread's"
                + " earlier turns, kept per conversation in the gateway's context store), micro-batches of " + batch));
        if (chosen != null) {
            all.add(new PipelineVariant("chosen-batched", chosen.toAbsolutePath(), batch, 2, 1,
                    "the model-ops chosen candidate (pruned + mixed-precision INT8), micro-batches"));
        }
        all.add(new PipelineVariant("ort-reference-batched", reference, batch, 2, 1, "the same encoder quantized by"
                + " ONNX Runtime's Python quantize_dynamic, micro-batches"));
        models.forEach((name, dir) -> all.add(new PipelineVariant(name + "-batched", dir.toAbsolutePath(), batch, 2,
                1, "encoder given on the command line, micro-batches")));
        if (only != null) {
            all.removeIf(v -> !only.contains(v.name()));
        }
        return all;
    }

    private List<String> texts() {
        Dataset dataset = data != null ? DatasetReaders.airlineTweets(data, 7) : DefaultBundle.starterSet();
        return Stream.of(dataset.train(), dataset.validation(), dataset.test()).flatMap(List::stream)
                .map(LabeledSnippet::text).distinct().toList();
    }
}
