package dev.sift.modelops.service;

import dev.sift.http.auth.AccessTokens;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The service's credentials as the shared access rule of every Sift service takes them. */
@Factory
@Requires(env = ModelOpsService.ENVIRONMENT)
public class ServiceAccess {

    /**
     * @param config {@code sift.model-ops.token} and {@code read-token}
     * @return the tokens the service accepts
     */
    @Singleton
    public AccessTokens accessTokens(ServiceConfig config) {
        return new AccessTokens(config.getToken(), config.getReadToken(),
                new AccessTokens.Names("ops", "reader", "sift.model-ops.token"));
    }
}
