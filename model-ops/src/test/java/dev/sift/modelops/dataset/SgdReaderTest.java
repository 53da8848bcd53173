package dev.sift.modelops.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SgdReaderTest {

    private static DialogueDataset sample() throws URISyntaxException {
        return SgdReader.read(Path.of(SgdReaderTest.class.getResource("/sgd/turns.jsonl").toURI()));
    }

    private static DialogueDataset read(String jsonl) {
        return SgdReader.read("turns.jsonl", new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldReadTheSplitsAsTheFileDefinesThem() throws Exception {
        // Given an SGD turns file with train, dev and test turns
        // When it is read
        DialogueDataset data = sample();

        // Then each split holds its own turns, and the intents are the training split's
        assertThat(data.name()).isEqualTo("turns.jsonl");
        assertThat(data.train()).extracting(DialogueTurn::text).containsExactly("Book me a table for two tonight.",
                "Yes, that works.", "Find me a flight to Boston.");
        assertThat(data.validation()).extracting(DialogueTurn::dialogue).containsExactly("3_00000");
        assertThat(data.intents()).containsExactly("ReserveRestaurant", "SearchOnewayFlight");
    }

    @Test
    void shouldGiveEachTurnItsContextWithSpeakers() throws Exception {
        // Given a user turn answering the system
        DialogueTurn answer = sample().train().get(1);

        // Then its context is the earlier turns, oldest first, with who said them
        assertThat(answer.dialogue()).isEqualTo("1_00000");
        assertThat(answer.index()).isEqualTo(2);
        assertThat(answer.intent()).isEqualTo("ReserveRestaurant");
        assertThat(answer.context()).containsExactly(
                new SpokenTurn(TurnRole.CUSTOMER, "Book me a table for two tonight."),
                new SpokenTurn(TurnRole.SERVICE, "Shall I book Sino at 7 pm?"));
    }

    @Test
    void shouldRebuildEachTurnsWholeEarlierDialogue() {
        // Given a dialogue of four user turns, listed out of order, each with only the last exchange before it,
        // and another dialogue in between
        String file = """
                {"dialogue": "7", "split": "train", "turn": 4, "text": "u4", "intent": "A", "context": [{"speaker": "user", "text": "u2"}, {"speaker": "system", "text": "s3"}]}
                {"dialogue": "7", "split": "train", "turn": 0, "text": "u0", "intent": "A", "context": []}
                {"dialogue": "8", "split": "train", "turn": 0, "text": "other", "intent": "B", "context": []}
                {"dialogue": "7", "split": "train", "turn": 2, "text": "u2", "intent": "A", "context": [{"speaker": "user", "text": "u0"}, {"speaker": "system", "text": "s1"}]}
                {"dialogue": "7", "split": "train", "turn": 6, "text": "u6", "intent": "A", "context": [{"speaker": "user", "text": "u4"}, {"speaker": "system", "text": "s5"}]}
                """;

        // When the file is read
        DialogueDataset data = read(file);

        // Then the turns keep the file's order, and each turn's context is its dialogue's whole history before it
        assertThat(data.train()).extracting(DialogueTurn::text).containsExactly("u4", "u0", "other", "u2", "u6");
        assertThat(data.train().get(1).context()).isEmpty();
        assertThat(data.train().get(3).context()).containsExactly(customer("u0"), service("s1"));
        assertThat(data.train().get(0).context()).containsExactly(customer("u0"), service("s1"), customer("u2"),
                service("s3"));
        assertThat(data.train().get(4).context()).containsExactly(customer("u0"), service("s1"), customer("u2"),
                service("s3"), customer("u4"), service("s5"));
        assertThat(data.train().get(2).context()).isEmpty();
        // And the data set for train and evaluate carries the same context
        assertThat(data.toDataset().train().get(4).context()).isEqualTo(data.train().get(4).context());
    }

    @Test
    void shouldKeepWhatTheFileGivesOfUserTurnsItLeftOut() {
        // Given a dialogue whose file lists user turns 2, 4 and 8: turn 0 and turn 6 are left out, and the listed
        // turns after them carry the left-out turn and the system's answer as their context
        DialogueDataset data = read("""
                {"dialogue": "6", "split": "train", "turn": 2, "text": "u2", "intent": "A", "context": [{"speaker": "user", "text": "u0"}, {"speaker": "system", "text": "s1"}]}
                {"dialogue": "6", "split": "train", "turn": 4, "text": "u4", "intent": "A", "context": [{"speaker": "user", "text": "u2"}, {"speaker": "system", "text": "s3"}]}
                {"dialogue": "6", "split": "train", "turn": 8, "text": "u8", "intent": "A", "context": [{"speaker": "user", "text": "u6"}, {"speaker": "system", "text": "s7"}]}
                """);

        // Then the history keeps the left-out turns the file gives, in order
        assertThat(data.train().get(0).context()).containsExactly(customer("u0"), service("s1"));
        assertThat(data.train().get(1).context()).containsExactly(customer("u0"), service("s1"), customer("u2"),
                service("s3"));
        assertThat(data.train().get(2).context()).containsExactly(customer("u0"), service("s1"), customer("u2"),
                service("s3"), customer("u4"), customer("u6"), service("s7"));
    }

    @Test
    void shouldKeepAServiceTurnThatOpensTheDialogue() {
        // Given a dialogue the service opens, before the first user turn
        DialogueDataset data = read("""
                {"dialogue": "9", "split": "test", "turn": 1, "text": "u1", "intent": "A", "context": [{"speaker": "system", "text": "welcome"}]}
                {"dialogue": "9", "split": "test", "turn": 3, "text": "u3", "intent": "A", "context": [{"speaker": "user", "text": "u1"}, {"speaker": "system", "text": "s2"}]}
                {"dialogue": "9", "split": "train", "turn": 1, "text": "t", "intent": "A", "context": []}
                """);

        assertThat(data.test().get(1).context()).containsExactly(service("welcome"), customer("u1"), service("s2"));
    }

    private static SpokenTurn customer(String text) {
        return new SpokenTurn(TurnRole.CUSTOMER, text);
    }

    private static SpokenTurn service(String text) {
        return new SpokenTurn(TurnRole.SERVICE, text);
    }

    @Test
    void shouldGiveTheFirstTurnNoContext() throws Exception {
        DialogueTurn first = sample().train().get(0);

        assertThat(first.context()).isEmpty();
    }

    @Test
    void shouldKeepOnlyTestTurnsWhoseIntentTrainingHas() throws Exception {
        // Given a test turn whose intent (FindMovies) no training turn has
        // When the file is read
        DialogueDataset data = sample();

        // Then the test side keeps only the turns a head trained on the training split can name
        assertThat(data.test()).extracting(DialogueTurn::intent).containsOnly("ReserveRestaurant").hasSize(2);
    }

    @Test
    void shouldNameTheLineOfABadRecord() {
        String good = "{\"dialogue\": \"1\", \"split\": \"train\", \"turn\": 0, \"text\": \"hi\", \"intent\": \"A\", "
                + "\"context\": []}\n";
        assertThatThrownBy(() -> read(good + "{\"dialogue\": \"1\", \"split\": \"train\", \"text\": \"x\", "
                + "\"context\": []}\n")).hasMessageContaining("turns.jsonl line 2: no 'intent' string");
        assertThatThrownBy(() -> read(good.replace("\"train\"", "\"holdout\"")))
                .hasMessageContaining("line 1: unknown split 'holdout'");
        assertThatThrownBy(() -> read(good.replace("[]", "[{\"speaker\": \"moderator\", \"text\": \"hello\"}]")))
                .hasMessageContaining("line 1: context turn 1: unknown speaker role 'moderator'");
        assertThatThrownBy(() -> read(good.replace("[]", "\"hello\"")))
                .hasMessageContaining("line 1: 'context' is not a list");
        assertThatThrownBy(() -> read(good + "not json\n")).hasMessageContaining("line 2 is not JSON");
    }
}
