package dev.sift.http.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** {@code Authorization: Bearer <token>}: the ops token acts as the configured ops user, the read token as reader. */
@Singleton
@Requires(beans = AccessTokens.class)
public class BearerTokenAuthenticator implements TokenValidator<HttpRequest<?>> {

    private final AccessTokens tokens;

    /**
     * @param tokens the service's tokens
     */
    public BearerTokenAuthenticator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return tokens.grant(token).map(grant -> Publishers.just(Authentication.build(
                grant == Grant.OPS ? tokens.names().opsUser() : tokens.names().readUser(), grant.roles())))
                .orElseGet(Publishers::empty);
    }
}
