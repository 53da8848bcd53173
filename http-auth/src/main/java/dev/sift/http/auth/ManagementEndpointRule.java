package dev.sift.http.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Management endpoints ({@code /health}, {@code /prometheus}, and any other that gets enabled) by their id, whatever
 * their {@code sensitive} flag says: open ones to anyone, read ones to the read credential, all others to the ops
 * credential only.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
public class ManagementEndpointRule extends SensitiveEndpointRule {

    private final EndpointAccess access;

    /**
     * @param processor the endpoint methods
     * @param access which endpoints are open or read-only
     */
    public ManagementEndpointRule(EndpointSensitivityProcessor processor, EndpointAccess access) {
        super(processor);
        this.access = access;
    }

    @Override
    protected Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication,
            ExecutableMethod<?, ?> method) {
        String id = id(method);
        if (access.open().contains(id)) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        String needed = access.read().contains(id) ? Access.READ : Access.OPS;
        boolean holds = authentication != null && authentication.getRoles().contains(needed);
        return Publishers.just(holds ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    private static String id(ExecutableMethod<?, ?> method) {
        Endpoint endpoint = method.getDeclaringType().getAnnotation(Endpoint.class);
        if (endpoint == null) {
            return "";
        }
        return endpoint.id().isEmpty() ? endpoint.value() : endpoint.id();
    }
}
