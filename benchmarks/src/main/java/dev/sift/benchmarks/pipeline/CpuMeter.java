package dev.sift.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the machine's CPU goes while the pipeline runs: the gateway, the broker, this benchmark (load driver and
 * decision reader), everything else, the host (time stolen by other virtual machines), and idle. On a 2-core box
 * they all share the cores the model needs, so these shares say what the pipeline costs on top of the model. Read
 * from Linux's {@code /proc}; elsewhere there is none.
 */
final class CpuMeter {

    private final long gatewayPid;
    private final long brokerPid;
    private final long selfPid = ProcessHandle.current().pid();

    /**
     * @param gatewayPid the gateway's process id
     * @param brokerPid the broker's process id
     */
    CpuMeter(long gatewayPid, long brokerPid) {
        this.gatewayPid = gatewayPid;
        this.brokerPid = brokerPid;
    }

    /** CPU time counters at one instant, in clock ticks. */
    record Reading(long gateway, long broker, long self, long total, long idle, long stolen) {
    }

    /** @return the counters now, or empty when {@code /proc} cannot be read */
    Optional<Reading> read() {
        try {
            long[] machine = machineTicks();
            return Optional.of(new Reading(processTicks(gatewayPid), processTicks(brokerPid), processTicks(selfPid),
                    machine[0], machine[1], machine[2]));
        } catch (IOException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    /**
     * @param from the earlier reading
     * @param to the later reading
     * @return each party's share of all cores between the two
     */
    static CpuShares between(Reading from, Reading to) {
        double total = Math.max(1, to.total() - from.total());
        double gateway = (to.gateway() - from.gateway()) / total;
        double broker = (to.broker() - from.broker()) / total;
        double self = (to.self() - from.self()) / total;
        double idle = (to.idle() - from.idle()) / total;
        double stolen = (to.stolen() - from.stolen()) / total;
        return new CpuShares(gateway, broker, self, Math.max(0, 1 - gateway - broker - self - idle - stolen), stolen,
                idle);
    }

    /** user + system time of a process, from {@code /proc/<pid>/stat} (fields 14 and 15). */
    static long processTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * All cores' time, their idle time (idle and I/O wait) and the time the hypervisor gave to other virtual machines
     * (steal), from the first line of {@code /proc/stat}.
     */
    private static long[] machineTicks() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
        long[] ticks = Arrays.stream(cpu.substring(3).trim().split("\\s+")).limit(8).mapToLong(Long::parseLong)
                .toArray();
        return new long[] {Arrays.stream(ticks).sum(), ticks[3] + ticks[4], ticks[7]};
    }
}
