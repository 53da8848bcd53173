package dev.sift.modelops.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When an intent the teacher uses gets its own output. */
class IntentOutputsTest {

    private static final Set<String> CATALOGUE = Set.of("complaint", "praise", "data_export_request", "legal_threat");

    @Test
    void shouldNotAddAnIntentWithNineteenExamples() {
        IntentOutputs outputs = IntentOutputs.choose(List.of("complaint", "praise"),
                Map.of("complaint", 100, "data_export_request", 19), CATALOGUE::contains, 20);

        assertThat(outputs.labels()).containsExactly("complaint", "praise");
        assertThat(outputs.added()).isEmpty();
        assertThat(outputs.waiting()).containsEntry("data_export_request", 19);
    }

    @Test
    void shouldAddAnIntentWithTwentyExamples() {
        IntentOutputs outputs = IntentOutputs.choose(List.of("complaint", "praise"),
                Map.of("complaint", 100, "data_export_request", 20), CATALOGUE::contains, 20);

        assertThat(outputs.labels()).containsExactly("complaint", "data_export_request", "praise");
        assertThat(outputs.added()).containsExactly("data_export_request");
        assertThat(outputs.waiting()).isEmpty();
    }

    @Test
    void shouldNeverAddAnIntentOutsideTheCatalogue() {
        IntentOutputs outputs = IntentOutputs.choose(List.of("complaint"), Map.of("buy_crypto_now", 5000),
                CATALOGUE::contains, 20);

        assertThat(outputs.labels()).containsExactly("complaint");
        assertThat(outputs.waiting()).isEmpty();
    }

    @Test
    void shouldKeepEveryLiveIntentEvenWithoutExamples() {
        IntentOutputs outputs = IntentOutputs.choose(List.of("complaint", "legacy_intent"), Map.of(),
                CATALOGUE::contains, 20);

        assertThat(outputs.labels()).containsExactly("complaint", "legacy_intent");
    }

    @Test
    void shouldNameTheLiveIntentsACandidateWouldDrop() {
        assertThat(IntentOutputs.dropped(List.of("complaint", "data_export_request", "praise"),
                List.of("complaint", "praise"))).containsExactly("data_export_request");
        assertThat(IntentOutputs.dropped(List.of("complaint"), List.of("complaint", "praise"))).isEmpty();
    }
}
