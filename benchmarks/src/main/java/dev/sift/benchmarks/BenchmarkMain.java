package dev.sift.benchmarks;

import dev.sift.benchmarks.classifier.ClassifierBenchmark;
import dev.sift.benchmarks.classifier.ClassifierReport;
import dev.sift.modelops.console.ConsoleProgress;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code benchmarks}: one command per benchmark; results as Markdown and JSON. */
@Command(name = "benchmarks", mixinStandardHelpOptions = true, subcommands = {BenchmarkMain.Classifier.class, PipelineCommand.class,
        DialoguesCommand.class},
        description = "Run Sift's benchmarks and write their tables.")
public final class BenchmarkMain {

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        // The gateways it starts keep their own logback.xml; this JVM logs like model-ops.
        System.setProperty("logback.configurationFile", "logback-model-ops.xml");
        System.exit(new CommandLine(new BenchmarkMain()).execute(args));
    }

    /** The classifier alone, every variant side by side. */
    @Command(name = "classifier", mixinStandardHelpOptions = true,
            description = "JMH: latency at batch 1 and throughput at batch 32, 1 and 2 threads, short and tweet-length"
                    + " inputs, every model variant.")
    static final class Classifier implements Callable<Integer> {

        @Option(names = "--out", defaultValue = "benchmark-results", description = "Results folder.")
        Path out;

        @Option(names = "--iterations", defaultValue = "5", description = "Measurement iterations (default 5).")
        int iterations;

        @Option(names = "--seconds", defaultValue = "3", description = "Seconds per iteration (default 3).")
        int seconds;

        @Option(names = "--model", description = "Another bundle to compare: name=bundle-dir (repeatable), e.g. the"
                + " model-ops chosen candidate, or bge-small heads.")
        java.util.Map<String, java.nio.file.Path> models = new java.util.LinkedHashMap<>();

        @Option(names = "--only", split = ",", description = "Measure only these variants (default: all).")
        java.util.List<String> only;

        @Override
        public Integer call() throws Exception {
            String extra = models.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().toAbsolutePath())
                    .collect(java.util.stream.Collectors.joining(","));
            System.setProperty(BenchmarkModels.EXTRA, extra);
            java.util.List<String> variants = new java.util.ArrayList<>(BenchmarkModels.ALL);
            variants.addAll(models.keySet());
            if (only != null) {
                variants.retainAll(only);
            }
            // Build every variant before JMH forks, so no fork spends its warm-up training heads.
            for (String model : variants) {
                System.out.println("model " + model + ": " + BenchmarkModels.bundle(model, new ConsoleProgress()).version());
            }
            Options options = new OptionsBuilder()
                    .include(ClassifierBenchmark.class.getName())
                    .param("model", variants.toArray(String[]::new))
                    .jvmArgsAppend("-D" + BenchmarkModels.EXTRA + "=" + extra,
                            "-Dlogback.configurationFile=logback-model-ops.xml")
                    .forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                    .jvmArgs("-Xmx1g", "-XX:+UseSerialGC")
                    .build();
            Collection<RunResult> results = new Runner(options).run();
            ClassifierReport.write(results, out);
            return 0;
        }
    }

}
