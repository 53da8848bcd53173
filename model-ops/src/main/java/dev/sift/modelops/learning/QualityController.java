package dev.sift.modelops.learning;

import dev.sift.http.auth.Access;
import dev.sift.modelops.service.ModelOpsService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /quality} (read credential): what the filter misses, estimated from the teacher's labels of the forwarded
 * snippets and of the audit sample of the dropped ones, per intent and over any intent ({@link RecallEstimate}).
 */
@Controller("/quality")
@Requires(env = ModelOpsService.ENVIRONMENT)
@Requires(beans = LabelCollector.class)
public class QualityController {

    private final LabelCollector collector;

    /**
     * @param collector the feedback data set's collector
     */
    public QualityController(LabelCollector collector) {
        this.collector = collector;
    }

    /**
     * The estimate of one intent.
     *
     * @param intent the intent, or {@code *} for any
     * @param forwarded forwarded snippets the teacher labeled with it
     * @param audited audited snippets the teacher labeled with it
     * @param estimatedMissed dropped snippets with it, estimated
     * @param recall the estimated recall
     * @param low lower end of the 95% interval
     * @param high upper end of the 95% interval
     */
    @Serdeable
    public record IntentQuality(String intent, long forwarded, long audited, double estimatedMissed, double recall,
            double low, double high) {
    }

    /**
     * The estimate over the examples the data set keeps.
     *
     * @param intents per intent, {@code *} first
     */
    @Serdeable
    public record Quality(List<IntentQuality> intents) {
    }

    /** @return the recall estimate per intent */
    @Secured(Access.READ)
    @Get
    public Quality quality() {
        return new Quality(collector.recall().stream().map(r -> new IntentQuality(r.intent(), r.forwarded(),
                r.audited(), r.missed(), r.recall(), r.low(), r.high())).toList());
    }
}
