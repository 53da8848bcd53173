package dev.sift.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.Classification;
import dev.sift.gateway.audit.AuditBudget;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.gateway.support.Snippets;
import dev.sift.gateway.topology.DecisionDetail;
import dev.sift.gateway.topology.SnippetDecider;
import dev.sift.gateway.topology.TaskStores;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Specification of the metrics' tags: values from records are bounded, whatever the records say. */
class GatewayMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScriptedClassifier classifier = new ScriptedClassifier("model-v1");
    private final LiveModel model = new LiveModel(classifier);
    private final GatewayMetrics metrics = new GatewayMetrics(registry, model);
    private final FilterPolicy fleetDefault = FilterPolicy.newBuilder().setTenant(PolicyBook.DEFAULT_ID)
            .setDefaultThreshold(0.5f).setUpdatedAt(Instant.EPOCH).build();
    private final FilterPolicy acme = FilterPolicy.newBuilder(fleetDefault).setTenant("acme").build();
    private final SnippetDecider decider = new SnippetDecider(new PolicyBook(fleetDefault), Clock.systemUTC(), "gw-1",
            DecisionDetail.DEFAULTS);

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void shouldTagTenantsWithAPolicyOfTheirOwnAndCountEveryOtherTenantUnderOneTag() {
        // Given snippets of 10,000 made-up tenants and of acme, which has a policy
        for (int i = 0; i < 10_000; i++) {
            observe("tenant-" + i, "complaint=0.99");
        }
        observe("acme", "complaint=0.99");

        // Then the tenant tag has two values: acme, and one for all the others
        assertThat(tenantTags("sift.decisions")).containsExactlyInAnyOrder("acme", "other");
        assertThat(tenantTags("sift.forwards")).containsExactlyInAnyOrder("acme", "other");
        assertThat(registry.get("sift.decisions").tag("tenant", "other").counter().count()).isEqualTo(10_000);
    }

    private void observe(String tenant, String text) {
        ConversationSnippet snippet = Snippets.snippet("s-" + tenant, "c-1", text);
        snippet.setTenant(tenant);
        Classification scores = classifier.classify(List.of(text)).get(0);
        Map<String, FilterPolicy> stored = Map.of("acme", acme);
        metrics.observe(decider.decide(snippet, List.of(), scores, "model-v1", 10, new TaskStores(stored::get,
                        AuditBudget.UNLIMITED)),
                tenant.equals("acme") ? acme : fleetDefault);
    }

    private Set<String> tenantTags(String meter) {
        return registry.find(meter).meters().stream().map(Meter::getId).map(id -> id.getTag("tenant"))
                .collect(Collectors.toSet());
    }
}
