package dev.sift.gateway.ops;

import dev.sift.http.auth.AccessTokens;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The gateway's credentials as the shared access rule of every Sift service takes them. */
@Factory
public class OpsAccess {

    /**
     * @param credentials {@code sift.ops.*}
     * @return the tokens the gateway accepts
     */
    @Singleton
    public AccessTokens accessTokens(OpsCredentials credentials) {
        return new AccessTokens(credentials.token(), credentials.readToken(),
                new AccessTokens.Names(credentials.user(), "reader", OpsCredentials.TOKEN_SETTING));
    }
}
