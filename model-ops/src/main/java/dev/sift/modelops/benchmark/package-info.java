/**
 * Measurements of model-ops' own work: head training time against quality, variants side by side in one run; the
 * learning curve of the learning loop (test figures as teacher labels arrive); active-intent accuracy with and
 * without conversation context ({@link dev.sift.modelops.benchmark.ContextBenchmark}, one
 * {@link dev.sift.modelops.benchmark.ContextDesign} per row).
 */
package dev.sift.modelops.benchmark;
