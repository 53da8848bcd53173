package dev.sift.gateway.topology;

import static dev.sift.gateway.support.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.audit.StoredAuditBudget;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.gateway.support.SettableClock;
import dev.sift.gateway.support.TopologyDrivers;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.RequestKind;
import dev.sift.schema.audit.AuditSampler;
import dev.sift.schema.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The audit sample: which dropped snippets also go to the teacher, how many, and how they are marked. */
class AuditSampleTopologyTest {

    private static final Instant HOUR = Instant.parse("2026-12-03T10:00:00Z");

    private final Topics topics = Topics.withDefaultNames();
    private final LiveModel model = new LiveModel(new ScriptedClassifier("model-v7"));
    private final SettableClock clock = new SettableClock(HOUR);
    private TopologyTestDriver driver;
    private TestInputTopic<String, ConversationSnippet> snippets;
    private TestOutputTopic<String, FilterDecision> decisions;
    private TestOutputTopic<String, LlmRequest> llm;
    private TestOutputTopic<String, LlmRequest> audits;

    private void start(float auditRate, Integer maxAuditsPerHour, int partitions) {
        FilterPolicy policy = FilterPolicy.newBuilder().setTenant(PolicyBook.DEFAULT_ID).setDefaultThreshold(0.5f)
                .setAuditRate(auditRate).setMaxAuditsPerHour(maxAuditsPerHour).setUpdatedAt(Instant.EPOCH).build();
        StreamsBuilder builder = new StreamsBuilder();
        FilterTopology.build(builder, FilterParts.of(topics, model, new PolicyBook(policy))
                .withSnippetPartitions(() -> partitions).withClock(clock));
        driver = TopologyDrivers.start(builder, topics, "audit-test");
        snippets = TopologyDrivers.input(driver, topics.snippets());
        decisions = TopologyDrivers.output(driver, topics.decisions());
        llm = TopologyDrivers.output(driver, topics.llmRequests());
        audits = TopologyDrivers.output(driver, topics.auditRequests());
    }

    @AfterEach
    void stop() {
        driver.close();
        model.close();
    }

    @Test
    void shouldSendTheDroppedSnippetsWhoseIdHashesBelowTheAuditRateToTheTeacher() {
        // Given a policy auditing 10% of what it drops, and 1,000 snippets of chit-chat and 100 complaints
        start(0.1f, null, 1);
        for (int i = 0; i < 1_000; i++) {
            snippets.pipeInput("c-" + i % 7, snippet("chat-" + i, "c-" + i % 7, "see you at lunch"));
        }
        for (int i = 0; i < 100; i++) {
            snippets.pipeInput("c-1", snippet("complaint-" + i, "c-1", "broken again complaint=0.9"));
        }

        // Then exactly the dropped snippets whose id hashes below 0.1 are audit requests, marked AUDIT
        Set<String> expected = IntStream.range(0, 1_000).mapToObj(i -> "chat-" + i)
                .filter(id -> AuditSampler.position(id) < 0.1).collect(Collectors.toSet());
        List<LlmRequest> sample = audits.readValuesToList();
        assertThat(sample).extracting(r -> r.getSnippet().getSnippetId()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sample).allSatisfy(r -> assertThat(r.getKind()).isEqualTo(RequestKind.AUDIT));
        assertThat(expected.size()).isBetween(70, 130);
        // And forwarded snippets go to the LLM only, marked FORWARD
        List<LlmRequest> forwarded = llm.readValuesToList();
        assertThat(forwarded).hasSize(100).allSatisfy(r -> assertThat(r.getKind()).isEqualTo(RequestKind.FORWARD));
        // And every decision says whether it was audited, at which rate
        List<FilterDecision> all = decisions.readValuesToList();
        assertThat(all).hasSize(1_100).allSatisfy(d -> {
            assertThat(d.getAudited()).isEqualTo(expected.contains(d.getSnippetId()));
            assertThat(d.getPolicy().getAuditRate()).isEqualTo(0.1f);
        });
    }

    @Test
    void shouldAuditNoMoreThanItsShareOfTheBudgetPerHourOfTheGatewaysClock() {
        // Given a policy auditing everything it drops, capped at 40 an hour across a fleet reading 4 partitions
        start(1f, 40, 4);

        // When 30 dropped snippets arrive in one hour of the gateway's clock, and 30 in the next
        for (int i = 0; i < 60; i++) {
            clock.set(HOUR.plus(Duration.ofMinutes(i < 30 ? i : 60 + i)));
            snippets.pipeInput("c-1", snippet("chat-" + i, "c-1", "see you at lunch"));
        }

        // Then this task audits its share, 10, in each hour: the first ten of each
        assertThat(audits.readValuesToList()).extracting(r -> r.getSnippet().getSnippetId())
                .containsExactlyElementsOf(IntStream.concat(IntStream.range(0, 10), IntStream.range(30, 40))
                        .mapToObj(i -> "chat-" + i).toList());
        assertThat(decisions.readValuesToList()).filteredOn(FilterDecision::getAudited).hasSize(20);
    }

    @Test
    void shouldNotLetSnippetsThatClaimOtherHoursTakeMoreAuditsOrGrowTheBudget() {
        // Given a policy auditing everything it drops, capped at 10 an hour on one partition
        start(1f, 10, 1);

        // When 2,000 dropped snippets within one hour of the gateway's clock each claim another hour of event time,
        // years in the past and in the future
        for (int i = 0; i < 2_000; i++) {
            clock.set(HOUR.plusSeconds(i));
            ConversationSnippet s = snippet("claim-" + i, "c-1", "see you at lunch");
            s.setEventTime(HOUR.plus(Duration.ofHours((i % 2 == 0 ? -1 : 1) * (i + 1L) * 24)));
            snippets.pipeInput("c-1", s, HOUR);
        }

        // Then the hour's budget holds: ten audits, and the store counts one hour
        assertThat(audits.readValuesToList()).hasSize(10);
        try (KeyValueIterator<String, Long> keys = driver.<String, Long>getKeyValueStore(StoredAuditBudget.STORE)
                .all()) {
            List<String> stored = new ArrayList<>();
            keys.forEachRemaining(kv -> stored.add(kv.key));
            assertThat(stored).hasSize(1);
        }
    }

    @Test
    void shouldKeepAtMostADayOfHoursInTheBudget() {
        // Given a capped policy
        start(1f, 10, 1);

        // When a dropped snippet arrives in each of 100 hours of the gateway's clock
        for (int i = 0; i < 100; i++) {
            clock.set(HOUR.plus(Duration.ofHours(i)));
            snippets.pipeInput("c-1", snippet("hourly-" + i, "c-1", "see you at lunch"));
        }

        // Then each was audited, and the store keeps the last day of hours only
        assertThat(audits.readValuesToList()).hasSize(100);
        try (KeyValueIterator<String, Long> keys = driver.<String, Long>getKeyValueStore(StoredAuditBudget.STORE)
                .all()) {
            List<String> stored = new ArrayList<>();
            keys.forEachRemaining(kv -> stored.add(kv.key));
            assertThat(stored).hasSizeBetween(24, 25);
        }
    }

    @Test
    void shouldAuditNothingAtRateZero() {
        start(0f, null, 1);
        for (int i = 0; i < 200; i++) {
            snippets.pipeInput("c-1", snippet("chat-" + i, "c-1", "see you at lunch"));
        }

        assertThat(audits.isEmpty()).isTrue();
        assertThat(decisions.readValuesToList()).noneMatch(FilterDecision::getAudited);
    }
}
