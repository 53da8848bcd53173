package dev.sift.http.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The answer to a refused request: 401 with a Basic challenge (which browsers prompt for) and a Bearer challenge, as
 * two headers so that browsers read the first; or 403 saying why; in both cases a JSON body naming what to send.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AccessDeniedHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    /** Request attribute a rule sets to say why it refused a request. */
    public static final String REASON = "sift.access.refused-because";

    /** The realm of both challenges. */
    public static final String REALM = "sift";

    private final AccessTokens tokens;

    /**
     * @param tokens the service's tokens (null when it configures none: everything but open routes is refused)
     */
    public AccessDeniedHandler(@Nullable AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        String reason = request.getAttribute(REASON, String.class).orElse(null);
        boolean change = request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD;
        String disabled = tokens != null && !tokens.changesEnabled() && change
                ? "; changes are disabled here: no ops token is configured (" + tokens.names().opsSetting() + ")" : "";
        if (exception.isForbidden()) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(Map.of("error", reason != null ? reason
                    : "this credential may not do that: changes need the ops token" + disabled));
        }
        MutableHttpResponse<?> response = HttpResponse.status(HttpStatus.UNAUTHORIZED);
        response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
        return response.body(Map.of("error", (reason != null ? reason + "; " : "")
                + "authentication required: Authorization: Bearer <token>, or HTTP Basic with the token as password"
                + disabled));
    }
}
