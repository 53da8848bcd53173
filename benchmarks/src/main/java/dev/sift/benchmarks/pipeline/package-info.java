/**
 * The whole pipeline on a real local broker: {@link dev.sift.benchmarks.pipeline.PipelineBenchmark} starts a gateway
 * JVM per {@link dev.sift.benchmarks.pipeline.PipelineVariant} (bundle, batch size, threads: a
 * {@link dev.sift.benchmarks.pipeline.GatewayLaunch}), feeds it as a platform would ({@code LoadDriver}), reads every
 * committed decision back ({@code DecisionCollector}), and measures saturation throughput against the classifier alone
 * and latency at fractions of it, with where the CPU went ({@code CpuMeter},
 * {@link dev.sift.benchmarks.pipeline.CpuShares}). {@link dev.sift.benchmarks.pipeline.PipelineResult} is one variant's
 * outcome, {@link dev.sift.benchmarks.pipeline.PipelineReport} writes them as Markdown, JSON and a chart.
 *
 * <p>{@link dev.sift.benchmarks.pipeline.PairedCpuBenchmark} compares two variants' CPU per snippet side by side: both
 * gateways up at once, saturation rounds alternating between them, one ratio per pair of adjacent rounds
 * ({@link dev.sift.benchmarks.pipeline.PairedCpuResult}, {@link dev.sift.benchmarks.pipeline.PairedCpuReport}). A
 * gateway under test with its topics, load driver and decision reader is a {@code GatewayRig}.
 *
 * <p>The broker and the gateway process come from {@code dev.sift.localkafka}; the classifier on its own is
 * {@link dev.sift.benchmarks.classifier}.
 */
package dev.sift.benchmarks.pipeline;
