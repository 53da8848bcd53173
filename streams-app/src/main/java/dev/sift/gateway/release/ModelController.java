package dev.sift.gateway.release;

import dev.sift.classifier.ModelInfo;
import dev.sift.http.auth.Access;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * {@code /model}: which model serves and what happened to models (read credential: refusals name stores and
 * reasons), and rollback (ops credential).
 */
@Controller("/model")
@Requires(property = "sift.releases.enabled", notEquals = "false")
@Requires(property = "kafka.enabled", notEquals = "false")
public class ModelController {

    private final LiveModel live;
    private final ModelHistory history;
    private final ReleaseFollower follower;
    private final ShadowModel shadow;

    /**
     * @param live the live model
     * @param history swap history
     * @param follower the release follower
     * @param shadow the shadow slot
     */
    public ModelController(LiveModel live, ModelHistory history, ReleaseFollower follower, ShadowModel shadow) {
        this.live = live;
        this.history = history;
        this.follower = follower;
        this.shadow = shadow;
    }

    /**
     * The model state.
     *
     * @param version live version
     * @param precision its precision
     * @param intents its intents
     * @param shadow version on trial in shadow, or null
     * @param shadowAgreement its agreement so far, or null
     * @param refused recently refused versions (at most a few hundred) and why
     * @param history recent events
     */
    @Serdeable
    public record State(String version, String precision, List<String> intents, String shadow,
            Double shadowAgreement, Map<String, RejectionReason> refused, List<ModelHistory.Event> history) {
    }

    /** @return the model state */
    @Secured(Access.READ)
    @Get
    public State state() {
        ModelInfo info = live.info();
        double agreement = shadow.agreement();
        return new State(info.version(), info.precision(), info.intents(), shadow.version(),
                Double.isNaN(agreement) ? null : agreement, follower.refused(), history.events());
    }

    /** @return the state after serving the previous model again, or 409 when there is none */
    @Secured(Access.OPS)
    @Post("/rollback")
    public HttpResponse<?> rollback() {
        try {
            follower.rollback();
            return HttpResponse.ok(state());
        } catch (IllegalStateException | ReleaseRejectedException e) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
        }
    }
}
