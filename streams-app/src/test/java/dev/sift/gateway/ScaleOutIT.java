package dev.sift.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sift.gateway.support.CommittedRecords;
import dev.sift.gateway.support.ExactlyOnce;
import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.SteadyLoad;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Growing and shrinking a fleet: three gateway JVMs share a 6-partition snippets topic with standby replicas; under
 * load one is killed with {@code kill -9} and another started. The survivors take over its partitions, the newcomer
 * gets a share, and every snippet is decided exactly once.
 */
@ExtendWith(SharedBroker.class)
class ScaleOutIT {

    private static final String APPLICATION = "scale-out";
    private static final int PARTITIONS = 6;
    private static final Topics TOPICS = new Topics(TopicNames.defaults().prefixed(APPLICATION));

    @TempDir
    Path dir;

    @Test
    void shouldRebalanceOntoSurvivorsAndNewcomersAndDecideEverySnippetOnce(LocalKafkaBroker broker) throws Exception {
        Map<String, String> config = GatewayFleet.onTopics(TOPICS.names(), Map.of(
                "kafka.streams.default.application.id", APPLICATION,
                "kafka.streams.default.num.standby.replicas", "1",
                // A dead instance is noticed after 10 s instead of the default 45 s.
                "kafka.streams.default.session.timeout.ms", "10000",
                "sift.model.bundle", TestBundles.defaultBundle().directory().toString(),
                "sift.releases.enabled", "false"));
        try (Admin admin = Admin.create(broker.clientConfig())) {
            new TopicProvisioner(broker.clientConfig()).ensure(TOPICS.all(), PARTITIONS, (short) 1);
            KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
            try (GatewayFleet fleet = GatewayFleet.start(broker, 3, dir, config);
                    CommittedRecords<String, FilterDecision> decided = new CommittedRecords<>(broker.clientConfig(),
                            TOPICS.decisions())) {
                // Given three gateways sharing the partitions under continuous load
                SteadyLoad load = new SteadyLoad(kafka, TOPICS, "scale-").start();
                Map<String, List<Integer>> initial = awaitAssignment(admin, a -> a.size() == 3);
                report("three instances", initial);
                awaitDecisionsBy(decided, "gateway-0", "gateway-1", "gateway-2");

                // When one is killed with SIGKILL
                fleet.gateways().get(1).kill();
                Instant killed = Instant.now();
                Map<String, List<Integer>> survivors = awaitAssignment(admin,
                        a -> a.size() == 2 && !a.containsKey("gateway-1"));
                long failoverMillis = Duration.between(killed, Instant.now()).toMillis();
                report("after kill -9 of gateway-1 (" + failoverMillis + " ms)", survivors);

                // And another one is started
                try (GatewayFleet added = GatewayFleet.start(broker, 3, 1, dir, config)) {
                    Instant joined = Instant.now();
                    Map<String, List<Integer>> grown = awaitAssignment(admin,
                            a -> a.size() == 3 && a.containsKey("gateway-3"));
                    long joinMillis = Duration.between(joined, Instant.now()).toMillis();
                    report("after gateway-3 joined (" + joinMillis + " ms)", grown);
                    awaitDecisionsBy(decided, "gateway-3");
                    int produced = load.stop();

                    // Then the work moved to the survivors and the newcomer, and every snippet was decided once
                    assertThat(survivors.values().stream().mapToInt(List::size).sum()).isEqualTo(PARTITIONS);
                    assertThat(grown.get("gateway-3")).isNotEmpty();
                    List<ConsumerRecord<String, FilterDecision>> decisions = kafka.readCommitted(TOPICS.decisions(),
                            produced, Duration.ofMinutes(3));
                    ExactlyOnce.assertEachDecidedOnce(decisions, produced);
                    Map<String, Long> byGateway = decisions.stream().collect(Collectors.groupingBy(
                            r -> r.value().getGateway(), TreeMap::new, Collectors.counting()));
                    System.out.printf("SCALE-OUT FIGURES: %d snippets decided once each by %s; 1 kill -9; failover"
                            + " %d ms (session timeout 10 s); newcomer assigned %d ms after it was healthy%n",
                            produced, byGateway,
                            failoverMillis, joinMillis);
                }
            }
        }
    }

    /** Polls the group until its assignment of snippet partitions, by instance, satisfies the condition. */
    private static Map<String, List<Integer>> awaitAssignment(Admin admin,
            Predicate<Map<String, List<Integer>>> done) {
        return await("an assignment of every snippet partition").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> assignment(admin), assignment -> assignment.values().stream()
                        .mapToInt(List::size).sum() == PARTITIONS && done.test(assignment));
    }

    /** Waits until each of the instances has committed decisions: they are working, not just assigned. */
    private static void awaitDecisionsBy(CommittedRecords<String, FilterDecision> decided, String... instances) {
        await("committed decisions by " + List.of(instances)).atMost(Duration.ofMinutes(1)).pollInSameThread()
                .until(decided::poll, decisions -> decisions.stream().map(r -> r.value().getGateway())
                        .collect(Collectors.toSet()).containsAll(List.of(instances)));
    }

    private static Map<String, List<Integer>> assignment(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION)).all().get()
                .get(APPLICATION);
        Map<String, TreeSet<Integer>> byInstance = new TreeMap<>();
        for (MemberDescription member : group.members()) {
            String instance = member.clientId().replaceAll("-StreamThread-.*", "");
            TreeSet<Integer> partitions = byInstance.computeIfAbsent(instance, k -> new TreeSet<>());
            for (TopicPartition tp : member.assignment().topicPartitions()) {
                if (tp.topic().equals(TOPICS.snippets().name())) {
                    partitions.add(tp.partition());
                }
            }
        }
        Map<String, List<Integer>> out = new TreeMap<>();
        byInstance.forEach((instance, partitions) -> {
            if (!partitions.isEmpty()) {
                out.put(instance, List.copyOf(partitions));
            }
        });
        return out;
    }

    private static void report(String when, Map<String, List<Integer>> assignment) {
        System.out.println("SCALE-OUT FIGURES: snippet partitions by instance " + when + ": " + assignment);
    }
}
