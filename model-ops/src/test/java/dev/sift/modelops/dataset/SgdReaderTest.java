package dev.sift.modelops.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                new ContextTurn(Speaker.USER, "Book me a table for two tonight."),
                new ContextTurn(Speaker.SYSTEM, "Shall I book Sino at 7 pm?"));
        assertThat(answer.previous(Speaker.SYSTEM)).contains("Shall I book Sino at 7 pm?");
        assertThat(answer.previous(Speaker.USER)).contains("Book me a table for two tonight.");
    }

    @Test
    void shouldGiveTheFirstTurnNoContext() throws Exception {
        DialogueTurn first = sample().train().get(0);

        assertThat(first.context()).isEmpty();
        assertThat(first.previous(Speaker.SYSTEM)).isEmpty();
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
        assertThatThrownBy(() -> read(good.replace("[]", "[{\"speaker\": \"bot\", \"text\": \"hello\"}]")))
                .hasMessageContaining("line 1: unknown speaker 'bot'");
        assertThatThrownBy(() -> read(good.replace("[]", "\"hello\"")))
                .hasMessageContaining("line 1: 'context' is not a list");
        assertThatThrownBy(() -> read(good + "not json\n")).hasMessageContaining("line 2 is not JSON");
    }
}
