package dev.sift.gateway.metrics;

import dev.sift.gateway.deadletter.DeadLetterCounts;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.topology.DecidedSnippet;
import dev.sift.gateway.topology.DecisionObserver;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.IntentScore;
import dev.sift.schema.ReasonKind;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's Prometheus metrics: decisions and forwards by tenant (and intent), decision latency histogram, tokens
 * forwarded and held back, truncations, dead-lettered records by stage, inference calls with their time and batch
 * size, and the live model version. Every tag value comes from a bounded set: tenants with a policy of their own (the
 * rest share one tag, see {@link TenantTag}), the model's intents, the model versions released to the gateway.
 */
@Singleton
public class GatewayMetrics implements DecisionObserver {

    private final MeterRegistry registry;
    private final Timer latency;
    private final Timer inference;
    private final DistributionSummary batchSize;
    private final LiveModel model;
    private volatile String versionTagged = "";

    /**
     * @param registry the meter registry
     * @param model the live model (its version is a gauge)
     */
    public GatewayMetrics(MeterRegistry registry, LiveModel model) {
        this.registry = registry;
        this.latency = Timer.builder("sift.decision.latency").description("Time from taking a snippet to its decision")
                .publishPercentileHistogram().publishPercentiles(0.5, 0.95, 0.99)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        this.inference = Timer.builder("sift.inference").description("Inference calls of the stream (one per"
                        + " micro-batch) and the time they took").register(registry);
        this.batchSize = DistributionSummary.builder("sift.batch.size").baseUnit("snippets")
                .description("Snippets scored per inference call").register(registry);
        FunctionCounter.builder("sift.dead.letters", DeadLetterCounts.DESERIALIZATION, a -> a.sum())
                .tag("stage", "deserialization").description("Records sent to the dead-letter topic")
                .register(registry);
        FunctionCounter.builder("sift.dead.letters", DeadLetterCounts.PROCESSING, a -> a.sum())
                .tag("stage", "processing").description("Records sent to the dead-letter topic").register(registry);
        this.model = model;
    }

    @Override
    public void observe(DecidedSnippet decided, FilterPolicy policy) {
        FilterDecision d = decided.decision();
        String tenant = TenantTag.of(d.getTenant(), policy);
        registry.counter("sift.decisions", "tenant", tenant, "forwarded", Boolean.toString(d.getForwarded()))
                .increment();
        if (d.getForwarded()) {
            for (IntentScore s : d.getIntents()) {
                if (s.getMatched()) {
                    registry.counter("sift.forwards", "tenant", tenant, "reason", s.getIntent()).increment();
                }
            }
            if (d.getReasons().stream().anyMatch(r -> r.getKind() == ReasonKind.REPUTATION_RULE)) {
                registry.counter("sift.forwards", "tenant", tenant, "reason", "reputation").increment();
            }
        }
        if (d.getAudited()) {
            registry.counter("sift.audits", "tenant", tenant).increment();
        }
        registry.counter("sift.tokens", "forwarded", Boolean.toString(d.getForwarded())).increment(d.getTokenCount());
        if (d.getTruncated()) {
            registry.counter("sift.truncations").increment();
        }
        latency.record(d.getProcessingLatencyMicros(), TimeUnit.MICROSECONDS);
        String version = d.getModelVersion();
        if (!version.equals(versionTagged)) {
            versionTagged = version;
            Gauge.builder("sift.model.version", () -> version.equals(model.info().version()) ? 1 : 0)
                    .tag("version", version).description("1 for the version serving now").register(registry);
        }
    }

    @Override
    public void observeInference(int snippets, long nanos) {
        inference.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(snippets);
    }
}
