package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.policy.PolicyEvaluator;
import dev.sift.gateway.policy.Verdict;
import dev.sift.gateway.support.ContextScriptedClassifier;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Specification of a shadow trial with a candidate that reads conversation context: it judges a sampled turn after
 * the earlier turns its decision carries, not as a thread's first turn.
 */
class ShadowModelTest {

    private static final FilterPolicy POLICY = FilterPolicy.newBuilder().setTenant(PolicyBook.DEFAULT_ID)
            .setDefaultThreshold(0.5f).setUpdatedAt(Instant.EPOCH).build();

    private static ReleaseConfig oneSampleTrial() {
        ReleaseConfig config = new ReleaseConfig();
        config.setShadowSampleRate(1.0);
        config.setShadowMinSamples(1);
        config.setShadowMinAgreement(1.0);
        return config;
    }

    private static ConversationSnippet reply(String text) {
        return ConversationSnippet.newBuilder().setSnippetId("s-2").setConversationId("c-1").setTenant("acme")
                .setChannel("chat").setSpeaker(Speaker.newBuilder().setId("u-1").setRole(SpeakerRole.CUSTOMER).build())
                .setText(text).setEventTime(Instant.EPOCH).build();
    }

    /** The live model forwarded the reply: it judged it after the complaint before it. */
    private static Verdict forwardedLive(ConversationSnippet reply) {
        return PolicyEvaluator.evaluate(POLICY, "*", reply, new ScriptedClassifier("live").classify("complaint=0.9"));
    }

    private static Boolean trial(List<ContextTurn> earlier) {
        ShadowModel shadow = new ShadowModel(oneSampleTrial());
        AtomicReference<Boolean> promoted = new AtomicReference<>();
        shadow.start(new ReleaseInstaller.Ready(null, null, new ContextScriptedClassifier("candidate"), 0),
                promoted::set);
        ConversationSnippet reply = reply("yes still");
        shadow.observe(reply, earlier, POLICY, "*", forwardedLive(reply));
        return promoted.get();
    }

    @Test
    void shouldJudgeAShortReplyAfterTheEarlierTurnsItsDecisionCarries() {
        // Given a context-aware candidate on trial, and a live decision that forwarded "yes still" after a complaint
        List<ContextTurn> complaint = List.of(new ContextTurn("s-1", SpeakerRole.CUSTOMER,
                "charged twice complaint=0.9"));

        // When the shadow scores the reply with that earlier turn, and without it
        Boolean withContext = trial(complaint);
        Boolean alone = trial(List.of());

        // Then with it the candidate forwards too and the trial agrees; alone it would have dropped the reply
        assertThat(withContext).isTrue();
        assertThat(alone).isFalse();
    }
}
