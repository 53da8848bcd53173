package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.SnippetFeedback;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonWireFormatTest {

    private static final String SNIPPET = """
            {"snippetId":"s-1","conversationId":"c-1","tenant":"acme","channel":"chat",
             "speaker":{"id":"u-7","role":"CUSTOMER","displayName":"Ana"},
             "text":"I was charged twice for my order, I want a refund","eventTime":1700000000000,
             "brandHints":["Brightcart"],"metadata":{"locale":"en-GB"},"language":"en"}""";

    private final JsonWireFormat<ConversationSnippet> json = new JsonWireFormat<>(ConversationSnippet.class,
            DecodingLimits.DEFAULTS, UnknownJsonFields.REFUSE);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String replaced(String from, String to) {
        assertThat(SNIPPET).contains(from);
        return SNIPPET.replace(from, to);
    }

    @Test
    void shouldReadAJsonSnippetAsTheSameRecordAsAvro() {
        assertThat(json.decode(utf8(SNIPPET))).isEqualTo(Fixtures.snippet());
    }

    @Test
    void shouldFillOptionalFieldsWithTheirDefaults() {
        // Given a snippet with only the required fields
        String minimal = """
                {"snippetId":"s-2","conversationId":"c-2","tenant":"acme","channel":"chat",
                 "speaker":{"id":"u-1"},"text":"hello","eventTime":5}""";

        // When
        ConversationSnippet snippet = json.decode(utf8(minimal));

        // Then
        assertThat(snippet.getBrandHints()).isEmpty();
        assertThat(snippet.getLanguage()).isNull();
        assertThat(snippet.getSpeaker().getRole().name()).isEqualTo("UNKNOWN");
        assertThat(snippet.getEventTime()).isEqualTo(Instant.ofEpochMilli(5));
    }

    @Test
    void shouldReadAThreadedReplyFromJson() {
        // Given a JSON producer naming the turn's thread and the turn it replies to
        String threaded = replaced("\"language\":\"en\"}", "\"language\":\"en\",\"threadId\":\"t-1\",\"replyTo\":null}");

        // When
        ConversationSnippet snippet = json.decode(utf8(threaded));

        // Then
        assertThat(snippet.getThreadId()).isEqualTo("t-1");
        assertThat(snippet.getReplyTo()).isNull();
        assertThat(json.decode(utf8(SNIPPET)).getThreadId()).isNull();
    }

    @Test
    void shouldRoundTripAnLlmRequestWrittenAsJson() {
        JsonWireFormat<LlmRequest> requests = new JsonWireFormat<>(LlmRequest.class, DecodingLimits.DEFAULTS,
                UnknownJsonFields.REFUSE);
        AvroSerde<LlmRequest> avro = AvroSerde.of(LlmRequest.class);
        LlmRequest request = LlmRequestFixture.request();

        byte[] bytes = requests.encode(request);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{").contains("\"snippet\":{");
        assertThat(requests.decode(bytes)).isEqualTo(avro.deserialize("t", avro.serialize("t", request)));
    }

    @Test
    void shouldRefuseTextThatIsNotJson() {
        assertThatThrownBy(() -> json.decode(utf8("{\"snippetId\": oops}")))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("not valid JSON (ConversationSnippet record of 19 bytes): Unrecognized token 'oops'");
    }

    @Test
    void shouldRefuseAStringWhereTheSchemaSaysInteger() {
        assertThatThrownBy(() -> json.decode(utf8(replaced("1700000000000", "\"2023-11-14T22:13:20Z\""))))
                .hasMessage("JSON ConversationSnippet record has a string in eventTime, expected an integer"
                        + " (64-bit, timestamp-millis)");
    }

    @Test
    void shouldRefuseAFractionForAnInteger() {
        assertThatThrownBy(() -> json.decode(utf8(replaced("1700000000000", "1.5"))))
                .hasMessageContaining("a number with a fraction or exponent in eventTime");
    }

    @Test
    void shouldRefuseAnIntegerBeyondItsType() {
        assertThatThrownBy(() -> json.decode(utf8(replaced("1700000000000", "92233720368547758070"))))
                .hasMessageContaining("out of the range of an integer (64-bit");
    }

    @Test
    void shouldRefuseAnUnknownEnumSymbol() {
        assertThatThrownBy(() -> json.decode(utf8(replaced("\"CUSTOMER\"", "\"KING\""))))
                .hasMessage("JSON ConversationSnippet record has \"KING\" in speaker.role, expected one of"
                        + " [CUSTOMER, AGENT, BOT, PARTICIPANT, UNKNOWN]");
    }

    @Test
    void shouldRefuseAMissingRequiredField() {
        assertThatThrownBy(() -> json.decode(utf8(replaced("\"tenant\":\"acme\",", ""))))
                .hasMessage("JSON ConversationSnippet record has no tenant, which is required");
    }

    @Test
    void shouldRefuseAnUnknownFieldWhenConfiguredTo() {
        assertThatThrownBy(() -> json.decode(utf8(replaced("\"tenant\"", "\"tennant\":\"x\",\"tenant\""))))
                .hasMessageStartingWith("JSON ConversationSnippet record has an unknown field \"tennant\"");
    }

    @Test
    void shouldIgnoreAnUnknownFieldWhenConfiguredTo() {
        JsonWireFormat<ConversationSnippet> lenient = new JsonWireFormat<>(ConversationSnippet.class,
                DecodingLimits.DEFAULTS, UnknownJsonFields.IGNORE);

        ConversationSnippet snippet = lenient.decode(utf8(replaced("\"tenant\"", "\"extra\":{\"a\":[1,2]},\"tenant\"")));

        assertThat(snippet).isEqualTo(Fixtures.snippet());
    }

    @Test
    void shouldRefuseADuplicateField() {
        assertThatThrownBy(() -> json.decode(utf8(replaced("\"tenant\"", "\"tenant\":\"evil\",\"tenant\""))))
                .hasMessageContaining("Duplicate field 'tenant'");
    }

    @Test
    void shouldRefuseNestingBeyondTheLimitBeforeBuildingAnything() {
        String deep = "{\"extra\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        JsonWireFormat<ConversationSnippet> lenient = new JsonWireFormat<>(ConversationSnippet.class,
                DecodingLimits.DEFAULTS, UnknownJsonFields.IGNORE);

        assertThatThrownBy(() -> lenient.decode(utf8(deep)))
                .hasMessageStartingWith("JSON ConversationSnippet record refused before decoding")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void shouldRefuseAHugeNumberLiteral() {
        assertThatThrownBy(() -> json.decode(utf8(replaced("1700000000000", "1" + "0".repeat(5_000)))))
                .hasMessageStartingWith("JSON ConversationSnippet record refused before decoding")
                .hasMessageContaining("Number value length");
    }

    @Test
    void shouldRefuseTooManyItemsNamingTheSetting() {
        DecodingLimits limits = new DecodingLimits(1 << 20, 1 << 20, 3, 100, "sift.input.");
        JsonWireFormat<ConversationSnippet> bounded = new JsonWireFormat<>(ConversationSnippet.class, limits,
                UnknownJsonFields.REFUSE);

        assertThatThrownBy(() -> bounded.decode(utf8(replaced("[\"Brightcart\"]", "[\"a\",\"b\",\"c\",\"d\"]"))))
                .hasMessage("ConversationSnippet record has more than 3 items in brandHints: refused before decoding"
                        + " (sift.input.max-collection-items)");
    }

    @Test
    void shouldRefuseAnUnpairedSurrogateRatherThanReplaceIt() {
        assertThatThrownBy(() -> json.decode(utf8(replaced("\"Ana\"", "\"An\\ud800a\""))))
                .hasMessageContaining("not valid UTF-8 in speaker.displayName");
    }

    @Test
    void shouldRefuseTwoObjects() {
        assertThatThrownBy(() -> json.decode(utf8(SNIPPET + " " + SNIPPET)))
                .hasMessageContaining("more after the object ends");
    }

    @Test
    void shouldWriteFeedbackThatPythonStyleJsonReadsBack() {
        JsonWireFormat<SnippetFeedback> feedback = new JsonWireFormat<>(SnippetFeedback.class,
                DecodingLimits.DEFAULTS, UnknownJsonFields.REFUSE);
        SnippetFeedback written = LlmRequestFixture.feedback();

        assertThat(feedback.decode(feedback.encode(written))).isEqualTo(written);
        assertThat(List.of(new String(feedback.encode(written), StandardCharsets.UTF_8))).allMatch(
                text -> text.contains("\"snippetId\""));
    }
}
