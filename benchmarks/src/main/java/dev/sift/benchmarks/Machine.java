package dev.sift.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the benchmark ran on: CPU model, cores and the instruction-set flags that matter for INT8 inference. */
public final class Machine {

    private static final Set<String> RELEVANT = Set.of("avx2", "fma", "avx512f", "avx512bw", "avx512vl",
            "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_int8", "amx_tile", "sse4_2", "asimd", "asimddp");

    private Machine() {
    }

    /** @return CPU model, logical cores, relevant flags, JVM */
    public static Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        String model = "unknown";
        List<String> flags = List.of();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.equals("unknown")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                }
                if ((line.startsWith("flags") || line.startsWith("Features")) && flags.isEmpty()) {
                    flags = Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                            .filter(RELEVANT::contains).sorted().toList();
                }
            }
        } catch (IOException e) {
            model = System.getProperty("os.arch");
        }
        out.put("cpu", model);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("flags", flags);
        out.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return out;
    }
}
