package dev.sift.benchmarks.pipeline;

import java.nio.file.Path;

/**
 * One way of running the gateway: a model bundle, a batch size and a thread plan.
 *
 * @param name short name in the results table
 * @param bundle the model bundle directory
 * @param batchSize snippets per inference call ({@code sift.batching.max-size}); 1 scores each record as it comes
 * @param streamThreads Kafka Streams threads ({@code num.stream.threads})
 * @param intraOpThreads ONNX Runtime threads per inference call
 * @param description what the variant stands for
 */
public record PipelineVariant(String name, Path bundle, int batchSize, int streamThreads, int intraOpThreads,
        String description) {

    /** Validates the variant. */
    public PipelineVariant {
        if (batchSize < 1 || streamThreads < 1 || intraOpThreads < 1) {
            throw new IllegalArgumentException("variant " + name + ": sizes and thread counts must be at least 1");
        }
    }
}
