package dev.sift.http.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.util.Set;
import org.reactivestreams.Publisher;

/**
 * Browsers send Basic credentials they have cached with every request to the service, whichever page makes it; a page
 * of another site could thus change a policy through a signed-in ops user's browser. Browsers say where a request
 * comes from ({@code Sec-Fetch-Site}): anything but a read that another site (or a sibling subdomain) starts is
 * refused. Clients that are not browsers do not send the header and are not concerned.
 */
@Singleton
public class CrossSiteRequestRule implements SecurityRule<HttpRequest<?>> {

    /** Checked before the route's mark, so that no mark lets such a request through. */
    public static final int ORDER = SecuredAnnotationRule.ORDER - 200;

    private static final Set<String> OTHER_SITES = Set.of("cross-site", "same-site");

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        boolean read = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (!read && site != null && OTHER_SITES.contains(site.trim().toLowerCase(java.util.Locale.ROOT))) {
            request.setAttribute(AccessDeniedHandler.REASON, "refused: a page of another site asked for this change");
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        return Publishers.just(SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
