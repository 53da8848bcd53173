package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sift.gateway.support.ScriptedClassifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveModelTest {

    @Test
    void shouldServeNewLeasesWithTheNewModelRightAfterASwap() {
        ScriptedClassifier v1 = new ScriptedClassifier("v1");
        ScriptedClassifier v2 = new ScriptedClassifier("v2");
        LiveModel live = new LiveModel(v1);

        live.swap(v2);

        try (LiveModel.Lease lease = live.acquire()) {
            assertThat(lease.classifier().info().version()).isEqualTo("v2");
        }
        assertThat(v1.isClosed()).isTrue();
        live.close();
        assertThat(v2.isClosed()).isTrue();
    }

    @Test
    void shouldCloseTheOldModelOnlyAfterItsLastInferenceFinished() throws Exception {
        // Given an inference in flight on v1 (a slow one)
        ScriptedClassifier v1 = new ScriptedClassifier("v1").withDelay(300);
        LiveModel live = new LiveModel(v1);
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> {
            try (LiveModel.Lease lease = live.acquire()) {
                return lease.classifier().classify(List.of("hello")).get(0).toString();
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> v1.inFlight() == 1);

        // When v2 goes live meanwhile
        live.swap(new ScriptedClassifier("v2"));

        // Then v1 stays open until the inference ends (ScriptedClassifier throws if closed while in use)
        assertThat(v1.isClosed()).isFalse();
        assertThat(inFlight.get(5, TimeUnit.SECONDS)).contains("Classification");
        assertThat(v1.isClosed()).isTrue();
        live.close();
    }

    @Test
    void shouldRefuseLeasesOnceClosed() {
        LiveModel live = new LiveModel(new ScriptedClassifier("v1"));
        live.close();

        assertThatThrownBy(live::acquire).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldReleaseALeaseOnlyOnce() {
        ScriptedClassifier v1 = new ScriptedClassifier("v1");
        LiveModel live = new LiveModel(v1);
        LiveModel.Lease lease = live.acquire();
        lease.close();
        lease.close();

        live.close();
        assertThat(v1.isClosed()).isTrue();
    }
}
