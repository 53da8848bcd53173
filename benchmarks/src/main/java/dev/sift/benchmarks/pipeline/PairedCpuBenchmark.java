package dev.sift.benchmarks.pipeline;

import dev.sift.localkafka.LocalKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares two gateway variants' CPU per snippet side by side. Both gateways run at once on the same broker; the
 * saturation rounds alternate between them (baseline then candidate, then candidate then baseline, so that a machine
 * that speeds up or slows down during a run favours neither), and each pair of adjacent rounds gives one ratio. On a
 * shared machine throughput drifts by a tenth within a minute; CPU time per decided snippet drifts far less, and a
 * ratio of two rounds taken seconds apart less still. The idle gateway's own background work falls outside both
 * measurements: each round counts only the CPU of the gateway that works.
 */
public final class PairedCpuBenchmark {

    /** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ, fixed by the kernel's ABI). */
    private static final double TICKS_PER_SECOND = 100;
    private static final int ROUND_SECONDS = 12;

    private final LocalKafkaBroker broker;
    private final List<String> texts;
    private final Path work;
    private final Duration warmUp;
    private final Map<String, String> extraProperties;
    private final GatewayLaunch launch;

    /**
     * @param broker the broker
     * @param texts snippet texts
     * @param work folder for state and logs
     * @param warmUp how long each gateway runs at saturation before anything is measured
     * @param extraProperties gateway configuration added to both variants'
     * @param launch the gateways' code and JVM flags
     */
    public PairedCpuBenchmark(LocalKafkaBroker broker, List<String> texts, Path work, Duration warmUp,
            Map<String, String> extraProperties, GatewayLaunch launch) {
        this.broker = broker;
        this.texts = texts;
        this.work = work;
        this.warmUp = warmUp;
        this.extraProperties = Map.copyOf(extraProperties);
        this.launch = launch;
    }

    /**
     * @param baseline the variant compared against
     * @param candidate the variant whose extra cost is measured
     * @param pairs how many pairs of rounds
     * @return every round's figures
     */
    public PairedCpuResult run(PipelineVariant baseline, PipelineVariant candidate, int pairs) {
        if (pairs < 1) {
            throw new IllegalArgumentException("at least one pair of rounds, got " + pairs);
        }
        List<PairedCpuResult.Round> rounds = new ArrayList<>();
        try (GatewayRig base = GatewayRig.start(broker, baseline, texts, work, extraProperties, launch);
                GatewayRig other = GatewayRig.start(broker, candidate, texts, work, extraProperties, launch)) {
            double baseRate = base.warmUp(warmUp);
            double otherRate = other.warmUp(warmUp);
            for (int pair = 1; pair <= pairs; pair++) {
                boolean baseFirst = pair % 2 == 1;
                for (GatewayRig rig : baseFirst ? List.of(base, other) : List.of(other, base)) {
                    double estimate = rig == base ? baseRate : otherRate;
                    PairedCpuResult.Round round = round(rig, pair, estimate);
                    rounds.add(round);
                    rig.log(String.format("pair %d: %.3f ms CPU per snippet, %.0f snippets/s", pair,
                            round.cpuMillisPerSnippet(), round.perSecond()));
                    if (rig == base) {
                        baseRate = round.perSecond();
                    } else {
                        otherRate = round.perSecond();
                    }
                }
            }
        }
        return new PairedCpuResult(baseline, candidate, rounds);
    }

    private static PairedCpuResult.Round round(GatewayRig rig, int pair, double estimate) {
        int backlog = (int) Math.max(1_000, Math.min(60_000, estimate * ROUND_SECONDS));
        String phase = "pair" + pair + "-";
        long before = ticks(rig);
        rig.driver().backlog(phase, backlog);
        double perSecond = GatewayRig.rate(rig.decisions().await(phase, backlog, Duration.ofMinutes(10)));
        long after = ticks(rig);
        return new PairedCpuResult.Round(rig.variant().name(), pair, backlog, (after - before) / TICKS_PER_SECOND,
                perSecond);
    }

    private static long ticks(GatewayRig rig) {
        try {
            return CpuMeter.processTicks(rig.gateway().pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's CPU time from /proc (Linux only)", e);
        }
    }
}
