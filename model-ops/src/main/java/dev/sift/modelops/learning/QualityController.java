package dev.sift.modelops.learning;

import dev.sift.http.auth.Access;
import dev.sift.modelops.service.ModelOpsService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
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

    /** @return the fleet's recall and precision estimate, then each tenant's ({@code tenant} {@code *}: the fleet) */
    @Secured(Access.READ)
    @Get
    public List<RecallEstimate.Quality> quality() {
        return collector.quality();
    }
}
