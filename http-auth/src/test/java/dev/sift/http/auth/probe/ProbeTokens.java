package dev.sift.http.auth.probe;

import dev.sift.http.auth.AccessTokens;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The probe's tokens: {@code probe.token} and {@code probe.read-token}. */
@Factory
@Requires(property = ProbeController.ENABLED, value = "true")
public class ProbeTokens {

    /**
     * @param token the ops token
     * @param readToken the read token
     * @return the probe's tokens
     */
    @Singleton
    public AccessTokens tokens(@Value("${probe.token:}") String token, @Value("${probe.read-token:}") String readToken) {
        return new AccessTokens(token, readToken, new AccessTokens.Names("ops", "reader", "probe.token"));
    }
}
