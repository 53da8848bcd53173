package dev.sift.http.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * {@code sift.http.endpoints.*}: which management endpoints (by id) are open, which need the read credential; every
 * other one, and any endpoint enabled later, needs the ops credential.
 *
 * @param open endpoints open to anyone (default: {@code health}, for orchestrators' probes)
 * @param read endpoints that need the read credential (default: {@code prometheus}: its series are labeled by tenant)
 */
@ConfigurationProperties("sift.http.endpoints")
public record EndpointAccess(@Bindable(defaultValue = "health") List<String> open,
        @Bindable(defaultValue = "prometheus") List<String> read) {
}
