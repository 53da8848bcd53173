package dev.sift.gateway.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.gateway.format.FormatsConfig;
import dev.sift.gateway.format.GatewayFormats;
import dev.sift.gateway.format.RegistryConfig;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.gateway.support.TopologyDrivers;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.serde.UnknownJsonFields;
import dev.sift.schema.serde.WireFormat;
import dev.sift.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WireFormatsTopologyTest {

    private static final RegistryConfig NO_REGISTRY = new RegistryConfig(null, Duration.ofSeconds(2), 262_144, 1_000,
            10_000, Duration.ofMinutes(1), 20);

    private final Topics topics = Topics.withDefaultNames();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> jsonSnippets;
    private TestOutputTopic<String, String> decisions;
    private TestOutputTopic<String, String> llm;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private LiveModel model;

    private static String snippet(String id, String text) {
        return "{\"snippetId\":\"" + id + "\",\"conversationId\":\"c-1\",\"tenant\":\"acme\",\"channel\":\"chat\","
                + "\"speaker\":{\"id\":\"u-1\",\"role\":\"CUSTOMER\"},\"text\":\"" + text + "\","
                + "\"eventTime\":1700000000000}";
    }

    @BeforeEach
    void startTopology() {
        // Given a gateway accepting Avro and JSON snippets and writing its outputs as JSON
        GatewayFormats formats = GatewayFormats.of(new FormatsConfig(List.of(WireFormat.AVRO_SINGLE_OBJECT,
                WireFormat.JSON), UnknownJsonFields.REFUSE, WireFormat.JSON, WireFormat.JSON), NO_REGISTRY);
        model = new LiveModel(new ScriptedClassifier("model-v7"));
        StreamsBuilder builder = new StreamsBuilder();
        FilterTopology.build(builder, FilterParts.of(topics, model, new PolicyBook(FilterPolicy.newBuilder()
                .setTenant("*").setDefaultThreshold(0.8f).setUpdatedAt(Instant.EPOCH).build())).withFormats(formats));
        driver = TopologyDrivers.start(builder, topics, "formats-test");
        jsonSnippets = driver.createInputTopic(topics.snippets().name(), new StringSerializer(),
                new StringSerializer());
        decisions = driver.createOutputTopic(topics.decisions().name(), new StringDeserializer(),
                new StringDeserializer());
        llm = driver.createOutputTopic(topics.llmRequests().name(), new StringDeserializer(),
                new StringDeserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
        model.close();
    }

    @Test
    void shouldDecideAJsonSnippetAndWriteItsOutputsAsJson() {
        jsonSnippets.pipeInput("c-1", snippet("s-1", "this is broken complaint=0.91"));

        assertThat(decisions.readValue()).startsWith("{\"snippetId\":\"s-1\"").contains("\"forwarded\":true");
        assertThat(llm.readValue()).startsWith("{\"snippet\":{\"snippetId\":\"s-1\"");
    }

    @Test
    void shouldDeadLetterAJsonSnippetThatViolatesTheSchemaWithTheReason() {
        jsonSnippets.pipeInput("c-1", snippet("s-2", "hello").replace("\"CUSTOMER\"", "\"KING\""));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8))
                .isEqualTo("JSON ConversationSnippet record has \"KING\" in speaker.role, expected one of"
                        + " [CUSTOMER, AGENT, BOT, PARTICIPANT, UNKNOWN]");
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseToStartWithTheRegistryFramingButNoRegistry() {
        FormatsConfig registryFraming = new FormatsConfig(List.of(WireFormat.AVRO_REGISTRY), UnknownJsonFields.REFUSE,
                WireFormat.AVRO_SINGLE_OBJECT, WireFormat.AVRO_SINGLE_OBJECT);

        assertThatThrownBy(() -> GatewayFormats.of(registryFraming, NO_REGISTRY))
                .hasMessageContaining("no registry is configured (sift.formats.registry.url)");
    }

    @Test
    void shouldRefuseToWriteOutputsInTheRegistryFraming() {
        FormatsConfig registryOutput = new FormatsConfig(List.of(WireFormat.JSON), UnknownJsonFields.REFUSE,
                WireFormat.AVRO_REGISTRY, WireFormat.AVRO_SINGLE_OBJECT);

        assertThatThrownBy(() -> GatewayFormats.of(registryOutput, NO_REGISTRY))
                .hasMessageContaining("Sift registers no schemas in a registry");
    }
}
