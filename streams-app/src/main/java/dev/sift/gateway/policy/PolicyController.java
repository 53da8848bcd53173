package dev.sift.gateway.policy;

import dev.sift.gateway.config.KafkaClientSettings;
import dev.sift.gateway.release.LiveModel;
import dev.sift.http.auth.Access;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.PolicyChange;
import dev.sift.schema.kafka.TopicSnapshot;
import dev.sift.schema.topic.Topics;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code /policies}: list, read, validate, change and delete filter policies, and read their audit trail. Reads need
 * the read credential, changes the ops credential ({@link Access}); every change is validated first (400 naming the
 * field) and recorded with who, when, old and new value.
 */
@Controller("/policies")
public class PolicyController {

    private final PolicyDirectory directory;
    private final PolicyWriter writer;
    private final LiveModel model;
    private final Topics topics;
    private final KafkaClientSettings kafka;
    private final Set<String> tenants;

    /**
     * @param directory the policies in force
     * @param writer stores changes
     * @param model the live model (its intents are the valid ones)
     * @param topics topic registry
     * @param kafka Kafka client settings
     * @param tenants tenants that may have policies (empty: any)
     */
    public PolicyController(PolicyDirectory directory, PolicyWriter writer, LiveModel model, Topics topics,
            KafkaClientSettings kafka, @Value("${sift.policy.tenants:}") List<String> tenants) {
        this.directory = directory;
        this.writer = writer;
        this.model = model;
        this.topics = topics;
        this.kafka = kafka;
        this.tenants = new HashSet<>(tenants);
        this.tenants.remove("");
    }

    /**
     * An audit record.
     *
     * @param changedBy who
     * @param changedAt when
     * @param previous the value before, or null
     * @param current the value after, or null when deleted
     * @param comment why
     */
    @Serdeable
    public record Change(String changedBy, Instant changedAt, @Nullable PolicyDocument previous,
            @Nullable PolicyDocument current, String comment) {
    }

    /** @return every policy in force, the default first */
    @Secured(Access.READ)
    @Get
    public List<PolicyDocument> list() {
        return directory.all().values().stream().map(PolicyDocument::of).toList();
    }

    /**
     * @param tenant a tenant, or {@code *}
     * @return its policy, or 404
     */
    @Secured(Access.READ)
    @Get("/{tenant}")
    public HttpResponse<PolicyDocument> get(@PathVariable String tenant) {
        return read(tenant);
    }

    /**
     * @param tenant a tenant
     * @param channel a channel
     * @return the tenant's channel policy, or 404
     */
    @Secured(Access.READ)
    @Get("/{tenant}/{channel}")
    public HttpResponse<PolicyDocument> get(@PathVariable String tenant, @PathVariable String channel) {
        return read(PolicyBook.idOf(tenant, channel));
    }

    /**
     * @param tenant a tenant, or {@code *}
     * @return the policy's audit trail, oldest first
     */
    @Secured(Access.READ)
    @Get("/{tenant}/history")
    public List<Change> history(@PathVariable String tenant) {
        String id = tenant;
        return TopicSnapshot.read(topics.policyAudit(), kafka.asMap(), Duration.ofSeconds(30)).stream()
                .filter(r -> id.equals(r.key())).map(ConsumerRecord::value).map(PolicyController::change).toList();
    }

    /**
     * Checks a policy without storing it.
     *
     * @param document the proposed policy
     * @return 200 when valid, else 400 with the errors
     */
    @Secured(Access.READ)
    @Post("/validate")
    public HttpResponse<?> validate(@Body PolicyDocument document) {
        List<PolicyValidator.FieldError> errors = errors(document, null);
        return errors.isEmpty() ? HttpResponse.ok(Map.of("valid", true)) : badRequest(errors);
    }

    /**
     * @param request the request (for the authenticated principal)
     * @param tenant a tenant, or {@code *}
     * @param document the new policy
     * @return the stored policy, or 400
     */
    @Secured(Access.OPS)
    @Put("/{tenant}")
    public HttpResponse<?> put(HttpRequest<?> request, @PathVariable String tenant, @Body PolicyDocument document) {
        return store(request, tenant, document);
    }

    /**
     * @param request the request (for the authenticated principal)
     * @param tenant a tenant
     * @param channel a channel
     * @param document the new policy
     * @return the stored policy, or 400
     */
    @Secured(Access.OPS)
    @Put("/{tenant}/{channel}")
    public HttpResponse<?> put(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String channel,
            @Body PolicyDocument document) {
        return store(request, PolicyBook.idOf(tenant, channel), document);
    }

    /**
     * @param request the request (for the authenticated principal)
     * @param tenant a tenant
     * @return the removed policy, or 404
     */
    @Secured(Access.OPS)
    @Delete("/{tenant}")
    public HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String tenant) {
        return writer.delete(tenant, principal(request)).<HttpResponse<?>>map(p -> HttpResponse.ok(PolicyDocument.of(p)))
                .orElse(HttpResponse.notFound());
    }

    private HttpResponse<?> store(HttpRequest<?> request, String id, PolicyDocument document) {
        List<PolicyValidator.FieldError> errors = errors(document, id);
        if (!errors.isEmpty()) {
            return badRequest(errors);
        }
        return HttpResponse.ok(PolicyDocument.of(writer.put(document, principal(request))));
    }

    private List<PolicyValidator.FieldError> errors(PolicyDocument document, String pathId) {
        Set<String> known = new HashSet<>(tenants);
        if (!known.isEmpty()) {
            directory.all().values().forEach(p -> known.add(p.getTenant()));
        }
        return PolicyValidator.validate(document, pathId, model.info(), known);
    }

    private HttpResponse<PolicyDocument> read(String id) {
        return directory.get(id).map(PolicyDocument::of).map(HttpResponse::ok).orElse(HttpResponse.notFound());
    }

    /**
     * @param e a change Kafka did not take
     * @return 503 with the reason: nothing was stored, the change may be sent again
     */
    @Error(exception = PolicyStoreException.class)
    public HttpResponse<?> unavailable(PolicyStoreException e) {
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
    }

    private static HttpResponse<?> badRequest(List<PolicyValidator.FieldError> errors) {
        return HttpResponse.badRequest(Map.of("errors", errors));
    }

    private static String principal(HttpRequest<?> request) {
        return request.getUserPrincipal().map(Principal::getName).orElse("unknown");
    }

    private static Change change(PolicyChange c) {
        FilterPolicy previous = c.getPrevious();
        FilterPolicy current = c.getCurrent();
        return new Change(c.getChangedBy(), c.getChangedAt(), previous == null ? null : PolicyDocument.of(previous),
                current == null ? null : PolicyDocument.of(current), c.getComment());
    }
}
