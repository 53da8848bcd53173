package dev.sift.modelops.label;

import static dev.sift.modelops.label.ScriptedChatServer.content;
import static dev.sift.modelops.label.ScriptedChatServer.cutOff;
import static dev.sift.modelops.label.ScriptedChatServer.good;
import static dev.sift.modelops.label.ScriptedChatServer.hang;
import static dev.sift.modelops.label.ScriptedChatServer.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.Polarity;
import dev.sift.schema.SpeakerRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The LLM teacher against a scripted chat-completions server: each way an answer can go wrong has its outcome. */
class ChatCompletionsTeacherTest {

    private static final String KEY = "sk-test-secret-0123456789";

    private ScriptedChatServer server;
    private LabelerConfig config;
    private LabelerMetrics metrics;

    @BeforeEach
    void startServer() throws Exception {
        server = new ScriptedChatServer();
        config = Requests.fastConfig(server.baseUrl());
        metrics = new LabelerMetrics(new SimpleMeterRegistry(), Pricing.of(config));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private TeacherAnswer label(String text) throws Exception {
        return teacher().label(Requests.request("s-1", text));
    }

    private ChatCompletionsTeacher teacher() {
        IntentCatalogue catalogue = IntentCatalogue.defaults();
        return new ChatCompletionsTeacher(config, new PromptTemplate(PromptTemplate.defaultTemplate(), catalogue,
                config.getMaxSnippetChars()), ApiKey.of(KEY), metrics);
    }

    private LabelingException failure(String text) {
        try {
            label(text);
        } catch (LabelingException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a labeling failure, got " + e, e);
        }
        throw new AssertionError("expected a labeling failure, got labels");
    }

    private long calls(CallResult result) {
        return metrics.summary(Duration.ZERO).calls().get(result);
    }

    @Test
    void shouldLabelAGoodAnswerAskingForJsonAtTemperatureZero() throws Exception {
        // Given a server that answers with labels
        server.sequence(good("complaint", "refund_request"));

        // When a request is labeled
        TeacherAnswer answer = label("Charged twice again, I want my money back");

        // Then the answer is read, with the model name the API reported
        assertThat(answer.origin()).isEqualTo(LabelOrigin.LLM);
        assertThat(answer.labeler()).isEqualTo(ScriptedChatServer.REPORTED_MODEL);
        assertThat(answer.intents()).containsExactly("complaint", "refund_request");
        assertThat(answer.polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(answer.confidences()).containsEntry("complaint", 0.9f);

        // And the call asked for JSON at temperature 0, with the key and the whole catalogue
        ScriptedChatServer.Call call = server.calls().get(0);
        JsonNode body = call.body();
        assertThat(body.get("model").asText()).isEqualTo("gpt-test");
        assertThat(body.get("temperature").asDouble()).isZero();
        assertThat(body.get("response_format").get("type").asText()).isEqualTo("json_object");
        assertThat(call.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(call.text()).isEqualTo("Charged twice again, I want my money back");
        for (IntentCatalogue.Intent intent : IntentCatalogue.defaults().intents()) {
            assertThat(call.system()).contains("- " + intent.name() + ": " + intent.description());
        }

        // And tokens and cost are counted
        LabelingSummary summary = metrics.summary(Duration.ZERO);
        assertThat(summary.inputTokens()).isEqualTo(120);
        assertThat(summary.outputTokens()).isEqualTo(30);
        assertThat(summary.cost()).isCloseTo((120 * 0.15 + 30 * 0.60) / 1e6, within(1e-12));
    }

    @Test
    void shouldTryAgainAfterMalformedJsonAndCountTheTokensOfBoth() throws Exception {
        server.sequence(content("{\"intents\": [\"complaint\""), good("refund_request"));

        TeacherAnswer answer = label("refund please");

        assertThat(answer.intents()).containsExactly("refund_request");
        assertThat(server.calls()).hasSize(2);
        assertThat(calls(CallResult.INVALID_ANSWER)).isEqualTo(1);
        assertThat(metrics.summary(Duration.ZERO).inputTokens()).isEqualTo(240);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json at all",
        "[\"complaint\"]",
        "{\"polarity\": \"negative\"}",
        "{\"intents\": \"complaint\", \"polarity\": \"negative\"}",
        "{\"intents\": [1, 2], \"polarity\": \"negative\"}",
        "{\"intents\": []}",
        "{\"intents\": [], \"polarity\": \"furious\"}",
        "{\"intents\": [], \"polarity\": 3}",
        "{\"intents\": [\"praise\"], \"polarity\": \"positive\", \"confidences\": {\"praise\": 1.5}}",
        "{\"intents\": [\"praise\"], \"polarity\": \"positive\", \"confidences\": [0.9]}",
        "{\"intents\": [], \"polarity\": \"neutral\", \"brand\": 42}",
        "{\"intents\": [], \"polarity\": \"neutral\"} trailing"
    })
    void shouldGiveUpOnAnswersOfTheWrongShapeAfterTheLastAttempt(String wrong) {
        server.sequence(content(wrong));

        LabelingException failure = failure("hello");

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_ANSWER);
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(server.calls()).hasSize(3);
    }

    @Test
    void shouldReadAnEmptyIntentListAsIrrelevant() throws Exception {
        server.sequence(content("{\"intents\": [], \"polarity\": \"neutral\", \"brand\": null}"));

        TeacherAnswer answer = label("see you at lunch");

        assertThat(answer.intents()).isEmpty();
        assertThat(answer.polarity()).isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void shouldHonourRetryAfterInSeconds() throws Exception {
        config.setMaxBackoff(Duration.ofSeconds(5));
        server.sequence(raw(429, "{\"error\": \"slow down\"}", "Retry-After", "1"), good("praise"));

        TeacherAnswer answer = label("great support");

        assertThat(answer.intents()).containsExactly("praise");
        List<ScriptedChatServer.Call> calls = server.calls();
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(950));
        assertThat(calls(CallResult.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void shouldHonourRetryAfterMilliseconds() throws Exception {
        config.setMaxBackoff(Duration.ofSeconds(5));
        server.sequence(raw(429, "", "retry-after-ms", "300"), good("praise"));

        label("great support");

        List<ScriptedChatServer.Call> calls = server.calls();
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(290));
    }

    @Test
    void shouldBackOffOnRateLimitsWithoutRetryAfter() throws Exception {
        server.sequence(raw(429, "{}"), raw(429, "{}"), good("praise"));

        assertThat(label("great support").intents()).containsExactly("praise");
        assertThat(calls(CallResult.RATE_LIMITED)).isEqualTo(2);
    }

    @Test
    void shouldRetryServerErrors() throws Exception {
        server.sequence(raw(500, "{}"), raw(503, "overloaded"), good("technical_issue"));

        assertThat(label("app keeps crashing").intents()).containsExactly("technical_issue");
        assertThat(calls(CallResult.SERVER_ERROR)).isEqualTo(2);
    }

    @Test
    void shouldGiveUpWhenTheServerKeepsFailing() {
        server.sequence(raw(503, "overloaded"));

        LabelingException failure = failure("app keeps crashing");

        assertThat(failure.kind()).isEqualTo(FailureKind.TEACHER_UNAVAILABLE);
        assertThat(failure.getMessage()).contains("HTTP 503").contains("after 3 attempts");
        assertThat(server.calls()).hasSize(3);
    }

    @Test
    void shouldTimeOutASlowAnswerAndTryAgain() throws Exception {
        config.setTimeout(Duration.ofMillis(700));
        server.sequence(hang(), good("complaint"));

        assertThat(label("useless").intents()).containsExactly("complaint");
        assertThat(calls(CallResult.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void shouldGiveUpWhenNoAnswerComesInTime() {
        config.setTimeout(Duration.ofMillis(700));
        server.sequence(hang());

        LabelingException failure = failure("useless");

        assertThat(failure.kind()).isEqualTo(FailureKind.TEACHER_UNAVAILABLE);
        assertThat(failure.getMessage()).contains("no complete answer within");
        assertThat(calls(CallResult.TIMEOUT)).isEqualTo(3);
    }

    @Test
    void shouldTryAgainWhenTheConnectionClosesMidAnswer() throws Exception {
        server.sequence(cutOff(), good("complaint"));

        assertThat(label("useless").intents()).containsExactly("complaint");
        assertThat(calls(CallResult.CONNECTION)).isEqualTo(1);
    }

    @Test
    void shouldStopAtOnceWhenTheKeyIsRefusedWithoutEverShowingIt() {
        // Given a server that echoes the key back in its error
        server.sequence(raw(401, "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY + "\"}}"));

        LabelingException failure = failure("hello");

        assertThat(failure.kind()).isEqualTo(FailureKind.MISCONFIGURED);
        assertThat(failure.kind().deadLetters()).isFalse();
        assertThat(failure.getMessage()).contains("HTTP 401").doesNotContain(KEY).contains("***");
        assertThat(server.calls()).hasSize(1);
        assertThat(ApiKey.of(KEY).toString()).doesNotContain(KEY);
    }

    @Test
    void shouldNotRetryARequestTheApiRefuses() {
        server.sequence(raw(400, "{\"error\": \"maximum context length exceeded\"}"));

        LabelingException failure = failure("hello");

        assertThat(failure.kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(failure.getMessage()).contains("maximum context length");
        assertThat(server.calls()).hasSize(1);
    }

    @Test
    void shouldNotRetryAModelRefusal() {
        server.sequence(raw(200, "{\"model\": \"m\", \"choices\": [{\"message\": {\"role\": \"assistant\", \"content\":"
                + " null, \"refusal\": \"I can't help with that\"}, \"finish_reason\": \"stop\"}]}"));

        LabelingException failure = failure("hello");

        assertThat(failure.kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(server.calls()).hasSize(1);
    }

    @Test
    void shouldRefuseAnAnswerLargerThanAMebibyte() {
        server.sequence(raw(200, "{\"pad\": \"" + "x".repeat(ChatCompletionsClient.MAX_ANSWER_BYTES) + "\"}"));

        LabelingException failure = failure("hello");

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_ANSWER);
        assertThat(failure.getMessage()).contains("answer larger than");
    }

    @Test
    void shouldSendNoAuthorizationWithoutAKey() throws Exception {
        server.sequence(good("praise"));
        IntentCatalogue catalogue = IntentCatalogue.defaults();

        new ChatCompletionsTeacher(config, new PromptTemplate(PromptTemplate.defaultTemplate(), catalogue, 100),
                ApiKey.of(""), metrics).label(Requests.request("s-1", "thanks, brilliant help"));

        assertThat(server.calls().get(0).authorization()).isNull();
    }

    @Test
    void shouldCutSnippetsLongerThanTheLimit() throws Exception {
        config.setMaxSnippetChars(10);
        server.sequence(good());

        label("a".repeat(50));

        assertThat(server.calls().get(0).text()).hasSize(10);
        assertThat(metrics.summary(Duration.ZERO).truncated()).isEqualTo(1);
    }

    @Test
    void shouldSendAShortReplyWithTheLatestEarlierTurnsOfItsThreadWithinTheLengthLimit() throws Exception {
        // Given a short reply judged after three earlier turns, and a teacher sending at most 40 characters of each
        config.setMaxSnippetChars(40);
        server.sequence(good("cancel_subscription"));
        LlmRequest reply = Requests.request("s-4", "yes, do it");
        reply.setContext(List.of(
                earlier("s-1", SpeakerRole.CUSTOMER, "I am moving abroad next month, so"),
                earlier("s-2", SpeakerRole.CUSTOMER, "what can I do about my plan?"),
                earlier("s-3", SpeakerRole.AGENT, "Shall I cancel your subscription?")));

        // When it is labeled
        teacher().label(reply);

        // Then the teacher reads the reply with the latest turns that fit, oldest first, the oldest of them cut
        JsonNode user = server.calls().get(0).user();
        assertThat(user.get("text").asText()).isEqualTo("yes, do it");
        assertThat(user.get("context")).extracting(t -> t.get("speakerRole").asText(), t -> t.get("text").asText())
                .containsExactly(tuple("CUSTOMER", "what ca"), tuple("AGENT", "Shall I cancel your subscription?"));
        assertThat(server.calls().get(0).system()).contains("\"context\"");
    }

    private static ContextTurn earlier(String id, SpeakerRole role, String text) {
        return ContextTurn.newBuilder().setSnippetId(id).setRole(role).setText(text).build();
    }
}
