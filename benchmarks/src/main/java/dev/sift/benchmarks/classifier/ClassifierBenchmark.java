package dev.sift.benchmarks.classifier;

import dev.sift.benchmarks.BenchmarkModels;
import dev.sift.classifier.Classification;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.modelops.console.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The classifier alone: latency of one snippet, and throughput of batches of 32, for each model variant, input
 * length and number of ONNX Runtime threads, all in one run.
 */
@State(Scope.Benchmark)
public class ClassifierBenchmark {

    /** 11 tokens with [CLS] and [SEP]: a chat turn. */
    public static final String SHORT = "my card got declined at checkout again today";
    /** 32 tokens with [CLS] and [SEP]: a tweet. */
    public static final String TWEET = "@VeloceAir three hours on the tarmac with zero updates, missed my connection "
            + "and your app says the rebooking failed. seriously?";

    @Param({BenchmarkModels.FP32, BenchmarkModels.INT8_ORT_REFERENCE})
    String model;

    @Param({"short", "tweet"})
    String input;

    @Param({"1", "2"})
    int threads;

    private OnnxClassifier classifier;
    private String one;
    private List<String> batch;

    /** Opens the variant's bundle with the given threads. */
    @Setup(Level.Trial)
    public void open() {
        classifier = OnnxClassifier.open(BenchmarkModels.bundle(model, Progress.NONE),
                InferenceSettings.defaults().withIntraOpThreads(threads).withMaxBatchSize(32));
        one = input.equals("short") ? SHORT : TWEET;
        batch = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            // Same text, same length: nothing in the tokenizer or ONNX Runtime caches results.
            batch.add(new String(one));
        }
    }

    /** Closes the classifier. */
    @TearDown(Level.Trial)
    public void close() {
        classifier.close();
    }

    /**
     * @return one snippet's scores
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Classification latencyBatch1() {
        return classifier.classify(one);
    }

    /**
     * @return 32 snippets' scores (throughput counted in snippets)
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(32)
    public List<Classification> throughputBatch32() {
        return classifier.classify(batch);
    }
}
