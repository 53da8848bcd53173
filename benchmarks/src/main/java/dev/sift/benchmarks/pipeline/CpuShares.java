package dev.sift.benchmarks.pipeline;

/**
 * Shares of all cores, between 0 and 1, over one measurement.
 *
 * @param gateway the gateway JVM (stream threads, producers, everything in it)
 * @param broker the local Kafka broker
 * @param benchmark this JVM: the load driver and the decision reader
 * @param other every other process on the machine
 * @param stolen time the hypervisor gave to other virtual machines (a shared host's noise)
 * @param idle no process
 */
public record CpuShares(double gateway, double broker, double benchmark, double other, double stolen, double idle) {
}
