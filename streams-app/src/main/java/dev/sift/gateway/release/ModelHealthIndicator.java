package dev.sift.gateway.release;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code model} entry of the health endpoint: live version, load time, last rejections. */
@Singleton
@Liveness
public class ModelHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final LiveModel live;
    private final ModelHistory history;

    /**
     * @param live the live model
     * @param history swap history
     */
    public ModelHealthIndicator(LiveModel live, ModelHistory history) {
        this.live = live;
        this.history = history;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            details.put("version", live.info().version());
            details.put("precision", live.info().precision());
            healthStatus = HealthStatus.UP;
        } catch (IllegalStateException closed) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", closed.getMessage());
        }
        history.live().ifPresent(e -> {
            details.put("since", e.at().toString());
            details.put("loadMillis", e.loadMillis());
        });
        details.put("recent", history.events().stream().skip(Math.max(0, history.events().size() - 5))
                .map(e -> e.kind() + " " + e.version() + (e.reason() == null ? "" : " (" + e.reason().code() + ")")).toList());
        return details;
    }

    @Override
    protected String getName() {
        return "model";
    }
}
