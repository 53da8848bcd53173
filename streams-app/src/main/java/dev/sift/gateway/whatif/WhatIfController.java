package dev.sift.gateway.whatif;

import dev.sift.gateway.config.KafkaClientSettings;
import dev.sift.gateway.policy.PolicyDocument;
import dev.sift.gateway.policy.PolicyValidator;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.policy.PolicyDirectory;
import dev.sift.gateway.release.LiveModel;
import dev.sift.http.auth.Access;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.kafka.TopicSnapshot;
import dev.sift.schema.kafka.TopicTail;
import dev.sift.schema.topic.Topics;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code /what-if}: before a change, what a proposed policy would do to recent traffic (forward rate overall and per
 * intent, tokens sent, precision and recall against labeled feedback), automatic thresholds for a forward budget,
 * and threshold-vs-forward-rate curves. Read-only, but on tenants' traffic: the read credential. How many decisions a
 * question replays, and how many questions are answered at once, are bounded ({@link WhatIfLimits}).
 */
@Controller("/what-if")
public class WhatIfController {

    private final PolicyDirectory directory;
    private final LiveModel model;
    private final Topics topics;
    private final KafkaClientSettings kafka;
    private final WhatIfLimits bounds;
    private final WhatIfAdmission admission;

    /**
     * @param directory the policies in force
     * @param model the live model (for validation)
     * @param topics topic registry
     * @param kafka Kafka client settings
     * @param bounds how many decisions a question may replay
     * @param admission how many questions are answered at once
     */
    public WhatIfController(PolicyDirectory directory, LiveModel model, Topics topics, KafkaClientSettings kafka,
            WhatIfLimits bounds, WhatIfAdmission admission) {
        this.directory = directory;
        this.model = model;
        this.topics = topics;
        this.kafka = kafka;
        this.bounds = bounds;
        this.admission = admission;
    }

    /**
     * A what-if question.
     *
     * @param tenant whose traffic (null or {@code *}: all)
     * @param policy the proposed policy (null: the one in force)
     * @param window how many recent decisions
     * @param budget for {@code /what-if/auto}: the forward budget to meet
     */
    @Serdeable
    public record Question(@Nullable String tenant, @Nullable PolicyDocument policy, @Nullable Integer window,
            @Nullable Double budget) {
    }

    /**
     * An answer.
     *
     * @param policy the policy evaluated (for auto: the proposal)
     * @param result what it would do
     * @param current what the policy in force does on the same decisions
     */
    @Serdeable
    public record Answer(PolicyDocument policy, WhatIf.Result result, WhatIf.Result current) {
    }

    /**
     * @param question the question
     * @return the prediction, or 400 when the proposed policy is invalid
     */
    @Secured(Access.READ)
    @Post
    public HttpResponse<?> whatIf(@Body Question question) {
        Optional<PolicyValidator.FieldError> tooMany = bounds.check(question.window());
        if (tooMany.isPresent()) {
            return badRequest(tooMany.get());
        }
        return admitted(() -> answer(question));
    }

    private HttpResponse<?> answer(Question question) {
        FilterPolicy current = currentPolicy(question.tenant());
        FilterPolicy proposed = current;
        if (question.policy() != null) {
            List<PolicyValidator.FieldError> errors = PolicyValidator.validate(question.policy(), null, model.info(),
                    Set.of());
            if (!errors.isEmpty()) {
                return HttpResponse.badRequest(Map.of("errors", errors));
            }
            proposed = question.policy().toRecord(0, "what-if", Instant.now());
        }
        List<FilterDecision> decisions = decisions(question.tenant(), question.window());
        Map<String, Set<String>> truth = feedback();
        return HttpResponse.ok(new Answer(PolicyDocument.of(proposed), WhatIf.evaluate(decisions, proposed, truth),
                WhatIf.evaluate(decisions, current, truth)));
    }

    /**
     * @param question tenant, window and the budget to meet
     * @return the proposed thresholds and what they would do
     */
    @Secured(Access.READ)
    @Post("/auto")
    public HttpResponse<?> auto(@Body Question question) {
        if (question.budget() == null || !(question.budget() > 0 && question.budget() <= 1)) {
            return badRequest(new PolicyValidator.FieldError("budget", "must be in (0, 1]"));
        }
        Optional<PolicyValidator.FieldError> tooMany = bounds.check(question.window());
        if (tooMany.isPresent()) {
            return badRequest(tooMany.get());
        }
        return admitted(() -> propose(question));
    }

    private HttpResponse<?> propose(Question question) {
        FilterPolicy current = currentPolicy(question.tenant());
        List<FilterDecision> decisions = decisions(question.tenant(), question.window());
        Map<String, Set<String>> truth = feedback();
        FilterPolicy proposed = AutoThresholds.propose(decisions, model.info().intents(), current,
                question.budget(), truth);
        return HttpResponse.ok(new Answer(PolicyDocument.of(proposed), WhatIf.evaluate(decisions, proposed, truth),
                WhatIf.evaluate(decisions, current, truth)));
    }

    /**
     * Threshold-vs-forward-rate curves.
     *
     * @param thresholds the thresholds of the curves' points
     * @param curves per intent, the forward rate at each threshold
     * @param snippets decisions used
     */
    @Serdeable
    public record Curves(double[] thresholds, Map<String, double[]> curves, int snippets) {
    }

    /**
     * @param tenant whose traffic (null: all)
     * @param window how many recent decisions
     * @return the curves under the policy in force, or 400 when the window is out of bounds
     */
    @Secured(Access.READ)
    @Get("/curves")
    public HttpResponse<?> curves(@QueryValue @Nullable String tenant, @QueryValue @Nullable Integer window) {
        Optional<PolicyValidator.FieldError> tooMany = bounds.check(window);
        if (tooMany.isPresent()) {
            return badRequest(tooMany.get());
        }
        return admitted(() -> {
            List<FilterDecision> decisions = decisions(tenant, window);
            return HttpResponse.ok(new Curves(WhatIf.curveThresholds(), WhatIf.curves(decisions, currentPolicy(tenant),
                    model.info().intents()), decisions.size()));
        });
    }

    /** Answers when a permit is free, else 429: the decisions of too many questions at once would not fit. */
    private HttpResponse<?> admitted(Supplier<HttpResponse<?>> answer) {
        Optional<WhatIfAdmission.Permit> permit = admission.tryEnter();
        if (permit.isEmpty()) {
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "1")
                    .body(Map.of("error", "another what-if question is being answered; retry in a second"
                            + " (sift.what-if.max-concurrent)"));
        }
        try (WhatIfAdmission.Permit held = permit.get()) {
            return answer.get();
        }
    }

    private static HttpResponse<?> badRequest(PolicyValidator.FieldError error) {
        return HttpResponse.badRequest(Map.of("errors", List.of(error)));
    }

    private FilterPolicy currentPolicy(String tenant) {
        return tenant == null || tenant.isBlank() || PolicyBook.DEFAULT_ID.equals(tenant)
                ? directory.get(PolicyBook.DEFAULT_ID).orElse(directory.configuredDefault())
                : directory.get(tenant).orElseGet(() -> directory.get(PolicyBook.DEFAULT_ID)
                        .orElse(directory.configuredDefault()));
    }

    private List<FilterDecision> decisions(String tenant, Integer asked) {
        boolean all = tenant == null || tenant.isBlank() || PolicyBook.DEFAULT_ID.equals(tenant);
        return TopicTail.read(topics.decisions(), kafka.asMap(), bounds.of(asked)).stream()
                .map(ConsumerRecord::value).filter(d -> all || tenant.equals(d.getTenant())).toList();
    }

    private Map<String, Set<String>> feedback() {
        Map<String, Set<String>> truth = new HashMap<>();
        for (ConsumerRecord<String, SnippetFeedback> r : TopicSnapshot.read(topics.feedback(), kafka.asMap(),
                Duration.ofSeconds(30))) {
            truth.put(r.value().getSnippetId(), new HashSet<>(r.value().getIntents()));
        }
        return truth;
    }
}
