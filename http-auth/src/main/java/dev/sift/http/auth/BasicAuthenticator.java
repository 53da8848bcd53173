package dev.sift.http.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/**
 * HTTP Basic with a token as the password (what browsers prompt for): the user name is whoever signs in, recorded in
 * the audit trail of their changes; empty, it is the service's ops or read user. A name that is not a plain name
 * (control characters, over 64 characters) is refused, so the audit trail only holds names.
 *
 * @param <B> request body type
 */
@Singleton
@Requires(beans = AccessTokens.class)
public class BasicAuthenticator<B> implements HttpRequestAuthenticationProvider<B> {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._@+-]{1,64}");

    private final AccessTokens tokens;

    /**
     * @param tokens the service's tokens
     */
    public BasicAuthenticator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request, AuthenticationRequest<String, String> login) {
        String user = login.getIdentity() == null ? "" : login.getIdentity();
        if (!user.isEmpty() && !NAME.matcher(user).matches()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        return tokens.grant(login.getSecret()).map(grant -> AuthenticationResponse.success(!user.isEmpty() ? user
                : grant == Grant.OPS ? tokens.names().opsUser() : tokens.names().readUser(), grant.roles()))
                .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
    }
}
