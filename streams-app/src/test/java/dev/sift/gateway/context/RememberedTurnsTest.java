package dev.sift.gateway.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.ContextTurn;
import dev.sift.schema.SpeakerRole;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Specification of a thread's latest turns as text: bounded by turns and characters, never half a character. */
class RememberedTurnsTest {

    private static ContextConfig bounds(int turns, int chars) {
        return new ContextConfig(Duration.ofHours(1), 8, 64, Duration.ofMinutes(1), turns, chars);
    }

    private static ContextTurn said(String id, String text) {
        return ContextTurn.newBuilder().setSnippetId(id).setRole(SpeakerRole.AGENT).setText(text).build();
    }

    @Test
    void shouldDropTheOldestTurnsFirstWhenTheCharacterBoundIsReached() {
        // Given a thread keeping up to 8 turns and 12 characters in all
        RememberedTurns turns = RememberedTurns.none();

        // When three turns of 5 characters are said
        turns.remember(said("s-1", "aaaaa"), bounds(8, 12));
        turns.remember(said("s-2", "bbbbb"), bounds(8, 12));
        turns.remember(said("s-3", "ccccc"), bounds(8, 12));

        // Then the two latest are kept, oldest first
        assertThat(turns.turns()).extracting(ContextTurn::getSnippetId).containsExactly("s-2", "s-3");
    }

    @Test
    void shouldCutATurnLongerThanTheBoundAloneWithoutSplittingACharacter() {
        // Given a thread keeping 4 characters, and a turn whose fourth char opens a surrogate pair
        RememberedTurns turns = new RememberedTurns(List.of(said("s-1", "old")));

        // When it is said
        turns.remember(said("s-2", "abc\uD83D\uDE00def"), bounds(8, 4));

        // Then it alone is kept, cut before the pair
        assertThat(turns.turns()).extracting(ContextTurn::getText).containsExactly("abc");
    }

    @Test
    void shouldKeepNothingWhenNoTurnIsToBeRemembered() {
        RememberedTurns turns = RememberedTurns.none();

        turns.remember(said("s-1", "hello"), bounds(0, 100));

        assertThat(turns.turns()).isEmpty();
    }
}
