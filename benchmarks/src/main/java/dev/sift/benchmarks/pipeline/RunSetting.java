package dev.sift.benchmarks.pipeline;

import dev.sift.benchmarks.Machine;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every pipeline report says first: the day, the machine, and the gateway's code, JVM flags and environment, so
 * that a figure is never read without where it was measured.
 *
 * @param date the day of the run
 * @param machine the machine's CPU, cores, flags and JVM
 * @param launch how the gateways were started
 */
record RunSetting(LocalDate date, Map<String, Object> machine, GatewayLaunch launch) {

    /**
     * @param launch how the gateways were started
     * @return the setting of a run today on this machine
     */
    static RunSetting now(GatewayLaunch launch) {
        return new RunSetting(LocalDate.now(), Machine.describe(), launch);
    }

    /**
     * @param results the report's figures, under {@code key}
     * @param key their name in the JSON document
     * @return the JSON document: the setting, then the figures
     */
    Map<String, Object> json(String key, Object results) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", date.toString());
        json.put("machine", machine);
        json.put("gateway", launch.describeCode());
        json.put("gatewayJvm", launch.jvmOptions());
        json.put("gatewayEnvironment", launch.environment());
        json.put(key, results);
        return json;
    }

    /** @return the Markdown lines under a report's title */
    String markdown() {
        return "Machine: " + machine + "  \nGateway: `" + launch.describeCode() + "`  \nGateway JVM: `"
                + String.join(" ", launch.jvmOptions()) + "`, environment `" + launch.environment() + "`\n\n";
    }
}
